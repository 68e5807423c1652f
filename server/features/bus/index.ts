// The intake bus (NATS JetStream, optional): see docs/ARCHITECTURE.md, «Шина приёма».
export { acceptOnBus } from './accept-message';
export { openIntakeBus, type IntakeBus } from './intake-bus';
export { startBusWriter } from './bus-writer';
