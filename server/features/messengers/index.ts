// What every messenger (Telegram, VK) shares: the texts citizens read, drafts of messages sent in parts, and the
// list of a chat's cases with their status in plain words. Ratings from any channel go through cases/rate-case.ts.
export { acknowledgement, answerHeading, citizenStatus, splitText } from './citizen-texts';
export {
  type Attachment,
  clearDraft,
  type DraftParts,
  loadDraft,
  mergeAttachments,
  saveDraft,
} from './messenger-drafts';
export { NO_CASES, statusText } from './status-text';
