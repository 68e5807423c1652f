import { AuthProvider, useAuth } from './auth/auth-context';
import { EnrolPage } from './auth/enrol-page';
import { SignInPage } from './auth/sign-in-page';
import { ErrorState, Loading } from './common/states';
import { AppLayout } from './layout/app-layout';
import { Routes } from './layout/routes';
import { ReferenceProvider } from './reference/reference-context';

function Gate() {
  const { state, retry } = useAuth();
  switch (state.status) {
    case 'loading':
      return (
        <main className="page" id="main">
          <Loading label="Проверка входа…" />
        </main>
      );
    case 'error':
      return (
        <main className="page" id="main">
          <ErrorState error={state.error} onRetry={retry} title="Сервер недоступен" />
        </main>
      );
    case 'signed_out':
      return <SignInPage expired={state.expired} />;
    case 'enrol':
      return <EnrolPage />;
    case 'signed_in':
      return (
        <ReferenceProvider userId={state.me.id}>
          <AppLayout>
            <Routes />
          </AppLayout>
        </ReferenceProvider>
      );
  }
}

export function App() {
  return (
    <AuthProvider>
      <Gate />
    </AuthProvider>
  );
}
