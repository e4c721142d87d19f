// An advert's images, blurred until the reviewer asks to see each one (reviewer wellbeing: nobody
// has to look at an image they do not need to). Images without a file to show — the demo corpus
// sends only perceptual hashes — appear as placeholders with their PDQ hash.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdvertContent } from '../api/types.ts';

type Image = NonNullable<AdvertContent['images']>[number];

/** One image, blurred, with its Reveal / Hide button. */
function ImageTile({ image, n }: { image: Image; n: number }) {
  const { t } = useTranslation();
  const [revealed, setRevealed] = useState(false);
  const src = image.url && /^(\/|data:image\/)/.test(image.url) ? image.url : null;
  return (
    <figure className={`image-tile${revealed ? ' revealed' : ''}`} data-testid="advert-image">
      <div className="image-frame">
        {src ? (
          <img src={src} alt={t('advert.images.alt', { n })} className="blurrable" />
        ) : (
          <div
            className="image-placeholder blurrable"
            role="img"
            aria-label={t('advert.images.placeholder', { n })}
          >
            <span>{t('advert.images.noFile')}</span>
          </div>
        )}
      </div>
      <figcaption>
        <span>{t('advert.images.caption', { n })}</span>
        {image.pdq && (
          <span className="small pdq">
            {t('advert.images.pdq')} <code>{image.pdq}</code>
          </span>
        )}
        <button
          type="button"
          className="secondary"
          aria-pressed={revealed}
          onClick={() => setRevealed((r) => !r)}
        >
          {revealed ? t('advert.images.hide', { n }) : t('advert.images.reveal', { n })}
        </button>
      </figcaption>
    </figure>
  );
}

/** The advert's images, each blurred until revealed. */
export function Images({ images }: { images: readonly Image[] }) {
  const { t } = useTranslation();
  if (images.length === 0) return <p className="muted">{t('advert.images.none')}</p>;
  return (
    <>
      <p className="small muted">{t('advert.images.wellbeing')}</p>
      <div className="image-grid">
        {images.map((image, i) => (
          <ImageTile key={i} image={image} n={i + 1} />
        ))}
      </div>
    </>
  );
}
