// «Реестр рисков»: the head's cross-project view — every project's risks, overdue decision clocks first.
import { usePageTitle } from '../layout/page-title';
import { href } from '../router/router';
import { ProjectRisks } from './project-risks';

export function RisksPage() {
  usePageTitle('Реестр рисков');
  return (
    <section className="page page-wide" aria-labelledby="risks-page-title">
      <p>
        <a href={href('/projects')}>← Проекты</a>
      </p>
      <div className="page-head">
        <h1 id="risks-page-title">Реестр рисков по всем проектам</h1>
      </div>
      <ProjectRisks projectId={null} />
    </section>
  );
}
