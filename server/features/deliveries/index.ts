// Deliveries: an answer or a notice on its way back to the citizen through the channel the message came from.
export { listDeliveries } from './deliveries';
export { deliverAnswerJob } from './deliver-answer.job';
export { citizenNoticeJob, queueCitizenNotice } from './citizen-notice.job';
