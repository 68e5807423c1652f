// «Проекты»: projects and programmes of every block with the state of their passport; the block owner starts a new
// one with a passport draft.
import { useState } from 'react';
import { PO_STATUS_LABELS } from '../../../shared/projects/approval-chains';
import { Empty, ErrorState, Loading } from '../common/states';
import { useResource } from '../common/use-resource';
import { usePageTitle } from '../layout/page-title';
import { href, navigate } from '../router/router';
import { EMPTY_PASSPORT, PassportEditor } from './passport-editor';
import { createProject, fetchProjects } from './projects-api';

export function ProjectsPage() {
  usePageTitle('Проекты');
  const list = useResource('projects', (signal) => fetchProjects(signal));
  const [creating, setCreating] = useState(false);
  const block = list.data?.createInBlock ?? null;

  return (
    <section className="page page-wide" aria-labelledby="projects-title">
      <div className="page-head">
        <h1 id="projects-title">Проекты и программы</h1>
        <p className="muted">
          Паспорта проектов по блокам: готовит ответственный за блок, согласует руководитель ЦУР, утверждает куратор
        </p>
      </div>
      <div className="list-toolbar">
        <a href={href('/risks')}>Реестр рисков по всем проектам</a>
        <a href={href('/po-documents')}>Рабочие группы и дополнительные показатели</a>
        <a href={href('/centre')}>Структура центра</a>
        <a href={href('/groups')}>Заседания и решения групп</a>
        <a href={href('/roadmap')}>Дорожная карта</a>
        <a href={href('/plans')}>Сводные планы</a>
        {block && !creating && (
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
            Новый проект
          </button>
        )}
      </div>
      {creating && block && (
        <PassportEditor
          initial={EMPTY_PASSPORT}
          submitLabel="Создать черновик паспорта"
          onCancel={() => setCreating(false)}
          onSave={async (passport) => {
            const created = await createProject({ blockCode: block, kind: 'project', passport });
            navigate(`/projects/${created.project.id}`);
          }}
        />
      )}
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && list.data.items.length === 0 && <Empty>Проектов пока нет.</Empty>}
      {list.data && list.data.items.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Проект</th>
                <th scope="col">Блок</th>
                <th scope="col">Паспорт</th>
                <th scope="col" className="num">
                  Утверждённая редакция
                </th>
                <th scope="col" className="num">
                  Открытые риски
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((p) => (
                <tr key={p.id}>
                  <td>
                    <a href={href(`/projects/${p.id}`)}>{p.title}</a>
                  </td>
                  <td>{p.blockName}</td>
                  <td>{PO_STATUS_LABELS[p.status]}</td>
                  <td className="num">{p.approvedVersion ?? '—'}</td>
                  <td className="num">{p.openRisks}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
