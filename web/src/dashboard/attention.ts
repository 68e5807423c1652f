// How many items each attention panel of the dashboard lists (attention-panels.tsx); the boot script asks for the
// same page of at-risk cases before the app renders (boot/first-screen.ts), so both read it from here.
export const ATTENTION_SHOWN = 5;
