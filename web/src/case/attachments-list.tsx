// Photos and files of a message or an answer. Images show their thumbnail and open full size in a new tab; other
// files download (the server sends them as attachments). A file the channel gave only by its address is an external
// link, marked as such: the platform does not keep it, and it opens in a new tab without the referrer. Names are
// rendered by React as text, never as markup.
import type { StoredAttachment } from '../../../shared/api/messages';
import { formatDecimal, formatNumber } from '../common/format';

export function formatFileSize(bytes: number | null): string {
  if (bytes === null) return '';
  if (bytes < 1024) return `${formatNumber(bytes)} Б`;
  if (bytes < 1024 * 1024) return `${formatDecimal(bytes / 1024)} КБ`;
  return `${formatDecimal(bytes / 1024 / 1024)} МБ`;
}

function missingText(file: StoredAttachment): string {
  if (file.status === 'pending') return 'загружается из канала…';
  if (file.status === 'erased') return 'файл уничтожен вместе с персональными данными';
  return `не получен: ${file.error ?? 'ошибка загрузки'}`;
}

/** Where an external link leads, for its note: the host of an http(s) address, null for any other address. */
export function externalHost(url: string): string | null {
  if (!/^https?:\/\//i.test(url)) return null;
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

function ExternalLink({ file }: { file: StoredAttachment }) {
  const host = externalHost(file.url);
  return (
    <li className="attachment attachment-external">
      {host ? (
        <a
          href={file.url}
          target="_blank"
          rel="noopener noreferrer nofollow"
          title={`Открыть внешнюю ссылку: ${file.url}`}
        >
          <span className="attachment-icon" aria-hidden="true">
            🔗
          </span>
          <span className="attachment-name">{file.name}</span>
        </a>
      ) : (
        <span className="attachment-name">{file.name}</span>
      )}
      <span className="muted small">
        внешняя ссылка{host ? ` (${host})` : ''}: файл не хранится на платформе и может пропасть у источника
      </span>
    </li>
  );
}

function FileItem({ file }: { file: StoredAttachment }) {
  if (file.status === 'external') return <ExternalLink file={file} />;
  if (file.status !== 'stored') {
    return (
      <li className="attachment attachment-missing">
        <span>{file.name}</span>
        <span className="muted small">{missingText(file)}</span>
      </li>
    );
  }
  const size = formatFileSize(file.size);
  return (
    <li className="attachment">
      {file.thumbnailUrl ? (
        <a href={file.url} target="_blank" rel="noopener noreferrer" title={`Открыть фото «${file.name}» полностью`}>
          <img src={file.thumbnailUrl} alt={`Фото: ${file.name}`} loading="lazy" />
          <span className="attachment-name">{file.name}</span>
        </a>
      ) : (
        <a href={file.url} download={file.name} title={`Скачать «${file.name}»`}>
          <span className="attachment-icon" aria-hidden="true">
            📄
          </span>
          <span className="attachment-name">{file.name}</span>
        </a>
      )}
      {size && <span className="muted small">{size}</span>}
    </li>
  );
}

export function AttachmentsList({ files, label }: { files: readonly StoredAttachment[]; label: string }) {
  if (files.length === 0) return null;
  return (
    <ul className="attachments" aria-label={label}>
      {files.map((f) => (
        <FileItem key={f.id} file={f} />
      ))}
    </ul>
  );
}
