import { Command } from 'commander';
import { AppError } from '../../core/errors.ts';
import { hashImages, type ImageHashOutcome } from '../../services/hash-images.ts';
import { EXIT } from '../output.ts';

/** `beacon pdq <image>...`: print the PDQ hash and quality of each image. */
export function pdqCommand(): Command {
  return new Command('pdq')
    .description(
      'Print the PDQ perceptual hash of each image, one line each as ' +
        '"hash,quality,path" (the PDQ reference tool\'s format): 64 hex digits and a ' +
        'quality from 0 to 100 (below 50, the hash is unreliable). Two copies of a photo ' +
        'match within Hamming distance 31. Unreadable images are reported on stderr and ' +
        'skipped, and the exit code is then 1.',
    )
    .argument('<image...>', 'image files (JPEG, PNG, WebP, GIF, TIFF, AVIF)')
    .action(async (paths: string[]) => {
      let failed = 0;
      const report = (o: ImageHashOutcome) => {
        if ('result' in o) {
          console.log(`${o.result.hash},${o.result.quality},${o.path}`);
          return;
        }
        failed++;
        const e = o.error;
        if (e instanceof AppError) {
          console.error(`beacon: ${e.message} [${e.code}]`);
          for (const d of e.details) console.error(`  - ${d}`);
        } else {
          console.error(`beacon: cannot hash ${o.path}: ${String(e)}`);
        }
      };
      for await (const outcome of hashImages(paths)) report(outcome);
      if (failed > 0) {
        console.error(`beacon: ${failed} of ${paths.length} image(s) could not be hashed`);
        process.exitCode = EXIT.failure;
      }
    });
}
