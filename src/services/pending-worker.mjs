// Worker threads start without the parent's TypeScript loader: register it, then run the body.
import { register } from 'tsx/esm/api';

register();
await import('./pending-worker.ts');
