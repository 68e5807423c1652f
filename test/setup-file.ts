// Runs in every test worker before each test file: cheap password hashing for the suite (the production cost is
// checked by server/features/auth/sign-in.test.ts, which raises it for itself).
import { setPasswordHashCost } from '../server/features/auth/passwords';

setPasswordHashCost('test');
