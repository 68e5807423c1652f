// What every messenger (Telegram, VK) shares: the texts citizens read, drafts of messages sent in parts, and the
// list of a chat's cases with their status in plain words. Ratings from any channel go through cases/rate-case.ts.
export {
  acknowledgement,
  answerHeading,
  citizenStatus,
  followUpAcknowledgement,
  NEW_CASE_BUTTON,
  ratingRefusal,
  splitAcknowledgement,
  splitText,
} from './citizen-texts';
export {
  type ChatIntake,
  isStatusQuestion,
  receiveChatMessage,
  type RepliedTo,
  splitFollowUp,
} from './chat-continuation';
export {
  type Attachment,
  clearDraft,
  type DraftParts,
  loadDraft,
  mergeAttachments,
  saveDraft,
} from './messenger-drafts';
export { NO_CASES, statusText } from './status-text';
