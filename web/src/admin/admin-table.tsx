// The list of an administration screen: its loading and error states, then the table with its caption and header.
import type { ReactNode } from 'react';
import { ErrorState, Loading } from '../common/states';
import type { Resource } from '../common/use-resource';

export function AdminTable<T>({
  list,
  caption,
  head,
  children,
}: {
  list: Resource<T[]>;
  caption: string;
  head: ReactNode;
  children: (items: T[]) => ReactNode;
}) {
  return (
    <>
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>{head}</tr>
            </thead>
            <tbody>{children(list.data)}</tbody>
          </table>
        </div>
      )}
    </>
  );
}
