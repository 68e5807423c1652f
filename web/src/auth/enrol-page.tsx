import { useAuth } from './auth-context';
import { SecondFactorSetup } from './second-factor-setup';

/** Shown after sign-in to a user whose role requires a second factor that is not enrolled yet. */
export function EnrolPage() {
  const { state, enter, signOut } = useAuth();
  const name = state.status === 'enrol' ? state.me.name : '';
  return (
    <main className="sign-in" id="main">
      <div className="sign-in-card">
        <h1>Отклик</h1>
        <h2>Второй фактор входа</h2>
        <p>
          {name}, для вашей роли вход защищается одноразовым кодом из приложения на телефоне. Подключите его, чтобы
          продолжить.
        </p>
        <SecondFactorSetup onDone={enter} />
        <button type="button" className="btn btn-ghost" onClick={() => void signOut()}>
          Выйти
        </button>
      </div>
    </main>
  );
}
