// «Официальные документы»: the registry of approved versions — number, date, kind, the SHA-256 of each file,
// downloads of the exact bytes, detached signatures (the curator attaches them) and the place in the hash chain.
import { useState } from 'react';
import {
  DOCUMENT_KIND_CODES,
  DOCUMENT_KINDS,
  SIGNATURE_EXTENSIONS,
  type DocumentKind,
  type OfficialDocument,
} from '../../../shared/api/documents';
import { hasPermission } from '../api/contract';
import { useMe } from '../auth/auth-context';
import { formatDate, formatDateTime, moscowIsoDate } from '../common/format';
import { Empty, ErrorState, FormMessage, Loading } from '../common/states';
import { useResource } from '../common/use-resource';
import { usePageTitle } from '../layout/page-title';
import { approveIndicatorSet, attachSignature, fetchDocuments, fileHref, signatureHref } from './documents-api';

const short = (hash: string): string => `${hash.slice(0, 12)}…`;

function SignatureCell({ doc, onChange }: { doc: OfficialDocument; onChange: (d: OfficialDocument) => void }) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const upload = (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    attachSignature(doc.id, file)
      .then(onChange)
      .catch(setError)
      .finally(() => setBusy(false));
  };
  return (
    <td>
      {doc.signatures.length === 0 && <span className="muted">нет</span>}
      {doc.signatures.map((s) => (
        <div key={s.id}>
          <a href={signatureHref(doc.id, s.id)} download>
            {s.fileName}
          </a>{' '}
          <span className="muted small" title={`SHA-256 ${s.sha256}`}>
            {formatDate(s.attachedAt)}, {s.attachedBy}
          </span>
        </div>
      ))}
      {doc.canAttachSignature && (
        <label className="small">
          {busy ? 'Загружается…' : 'Приложить подпись'}
          <input
            type="file"
            accept={SIGNATURE_EXTENSIONS.join(',')}
            disabled={busy}
            aria-label={`Приложить подпись к документу ${doc.number}`}
            onChange={(e) => {
              upload(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
        </label>
      )}
      <FormMessage error={error} />
    </td>
  );
}

/** The curator's action: approve the indicator set of a year as it stands now. */
function ApproveIndicatorSet({ onDone }: { onDone: () => void }) {
  const [year, setYear] = useState(() => Number(moscowIsoDate(new Date()).slice(0, 4)));
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const approve = () => {
    setBusy(true);
    setError(null);
    setDone(null);
    approveIndicatorSet(year)
      .then((v) => {
        setDone(`Перечень утверждён: № ${v.number}`);
        onDone();
      })
      .catch(setError)
      .finally(() => setBusy(false));
  };
  return (
    <>
      <label className="inline-field">
        Год <input type="number" min={2020} max={2100} value={year} onChange={(e) => setYear(Number(e.target.value))} />
      </label>
      <button type="button" className="btn btn-primary" disabled={busy} onClick={approve}>
        Утвердить перечень показателей на {year} год
      </button>
      <FormMessage error={error} success={done} />
    </>
  );
}

export function DocumentsPage() {
  usePageTitle('Официальные документы');
  const me = useMe();
  const [kind, setKind] = useState<DocumentKind | ''>('');
  const list = useResource(`documents:${kind}`, (signal) => fetchDocuments(kind, signal));
  const replace = (d: OfficialDocument) => list.setData((list.data ?? []).map((x) => (x.id === d.id ? d : x)));

  return (
    <section className="page page-wide" aria-labelledby="documents-title">
      <div className="page-head">
        <h1 id="documents-title">Официальные документы</h1>
        <p className="muted">
          Утверждённые версии документов: регистрационный номер и дата, файлы ровно в том виде, в каком утверждены
          (SHA-256), отсоединённые подписи. Каждая запись входит в цепочку хешей вместе с историей обращений; проверка —{' '}
          <code>otklik verify</code>.
        </p>
      </div>
      <div className="list-toolbar">
        <label className="inline-field">
          Вид документа
          <select value={kind} onChange={(e) => setKind(DOCUMENT_KIND_CODES.find((k) => k === e.target.value) ?? '')}>
            <option value="">Все</option>
            {DOCUMENT_KIND_CODES.map((k) => (
              <option key={k} value={k}>
                {DOCUMENT_KINDS[k].label}
              </option>
            ))}
          </select>
        </label>
        {hasPermission(me, 'reports.approve') && <ApproveIndicatorSet onDone={list.reload} />}
      </div>
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && list.data.length === 0 && <Empty>Зарегистрированных документов пока нет.</Empty>}
      {list.data && list.data.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Реестр официальных документов</caption>
            <thead>
              <tr>
                <th scope="col">Номер</th>
                <th scope="col">Дата</th>
                <th scope="col">Документ</th>
                <th scope="col">Файлы и SHA-256</th>
                <th scope="col">Подпись</th>
                <th scope="col">Цепочка</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((d) => (
                <tr key={d.id}>
                  <td className="nowrap">{d.number}</td>
                  <td className="nowrap" title={formatDateTime(d.registeredAt)}>
                    {formatDate(d.registeredAt)}
                  </td>
                  <td>
                    {d.title}
                    <div className="muted small">
                      {d.kindLabel} · утвердил {d.registeredBy}
                    </div>
                  </td>
                  <td>
                    {d.files.map((f) => (
                      <div key={f.format}>
                        <a href={fileHref(d.id, f.format)} download>
                          {f.format.toUpperCase()}
                        </a>{' '}
                        <code className="small" title={f.sha256}>
                          {short(f.sha256)}
                        </code>
                      </div>
                    ))}
                  </td>
                  <SignatureCell doc={d} onChange={replace} />
                  <td className="nowrap">
                    {d.chain ? (
                      <span title={d.chain.hash}>№ {d.chain.position}</span>
                    ) : (
                      <span className="muted">запечатывается</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
