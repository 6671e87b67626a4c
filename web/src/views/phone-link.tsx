import { toDataURL } from 'qrcode';
import { useEffect, useState } from 'preact/hooks';
import { answer, api } from '../api';
import { Message, type Note } from '../components/common';
import { time } from '../format';
import { errorText } from '../i18n';
import { pt } from './phone-link-texts';

/** A coordinator makes a one-time sign-in link for a nurse's phone, shown as a link and a QR code. */
export function PhoneLink({ nurseId, name, zone }: { nurseId: string; name: string; zone: string }) {
  const [link, setLink] = useState<{ url: string; expiresAt: string } | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [note, setNote] = useState<Note | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setLink(null);
    setNote(null);
  }, [nurseId]);

  useEffect(() => {
    setQr(null);
    if (!link) return;
    let current = true;
    toDataURL(link.url, { margin: 1, width: 220, errorCorrectionLevel: 'M' }).then(
      (data) => current && setQr(data),
      () => current && setQr(null),
    );
    return () => {
      current = false;
    };
  }, [link]);

  const make = async () => {
    setBusy(true);
    setNote(null);
    try {
      setLink(await answer(api.POST('/api/nurses/{id}/sign-in-links', { params: { path: { id: nurseId } } })));
    } catch (e) {
      setLink(null);
      setNote({ kind: 'error', text: () => errorText(e, zone) });
    } finally {
      setBusy(false);
    }
  };

  if (!nurseId) return null;
  return (
    <section class="phone-link">
      <h2>{pt('title')}</h2>
      <p>{pt('help', { name })}</p>
      <button type="button" onClick={make} disabled={busy}>
        {pt('make')}
      </button>
      <Message note={note} />
      {link && (
        <div>
          {qr && <img class="qr" src={qr} alt={pt('qrAlt', { name })} width={220} height={220} />}
          <p>
            <a href={link.url}>{link.url}</a>
          </p>
          <p>{pt('valid', { time: time(link.expiresAt, zone) })}</p>
        </div>
      )}
    </section>
  );
}
