// Small status badges shared by the review screens: risk level and claim.
import { useTranslation } from 'react-i18next';
import type { Level, QueueItem } from '../api/types.ts';

/** The risk level as a labelled badge (text, not colour alone). */
export function LevelBadge({ level }: { level: Level }) {
  const { t } = useTranslation();
  return <span className={`badge level-${level}`}>{t(`levels.${level}`)}</span>;
}

/** Who holds the item's claim, or its status when nobody does. */
export function ClaimBadge({ item }: { item: QueueItem }) {
  const { t } = useTranslation();
  if (item.claim?.mine) return <span className="badge claim-mine">{t('claim.mine')}</span>;
  if (item.claim) {
    return (
      <span className="badge claim-other">
        {t('claim.other', { name: item.claim.displayName })}
      </span>
    );
  }
  return <span className="badge">{t(`itemStatus.${item.status}`)}</span>;
}
