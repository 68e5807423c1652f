import {
  groupDetailSchema,
  groupListSchema,
  type DecisionInput,
  type DecisionStatus,
  type GroupDetail,
  type MeetingInput,
} from '../../../shared/api/groups';
import type { z } from 'zod';
import { apiRequest } from '../api/client';
import type { StepAction } from '../projects/projects-api';

export type GroupList = z.infer<typeof groupListSchema>;
const post = (url: string, body: object): Promise<GroupDetail> =>
  apiRequest(url, groupDetailSchema, { method: 'POST', body });
export const fetchGroups = (signal?: AbortSignal): Promise<GroupList> =>
  apiRequest('/groups', groupListSchema, signal ? { signal } : {});
export const fetchGroup = (id: number, signal?: AbortSignal): Promise<GroupDetail> =>
  apiRequest(`/groups/${id}`, groupDetailSchema, signal ? { signal } : {});
export const holdMeeting = (groupId: number, input: MeetingInput): Promise<GroupDetail> =>
  post(`/groups/${groupId}/meetings`, input);
export const addDecision = (meetingId: number, input: DecisionInput): Promise<GroupDetail> =>
  post(`/groups/meetings/${meetingId}/decisions`, input);
export const setDecisionStatus = (id: number, status: DecisionStatus, comment: string): Promise<GroupDetail> =>
  post(`/groups/decisions/${id}/status`, { status, comment });
export const draftProtocol = (meetingId: number, comment: string): Promise<GroupDetail> =>
  post(`/groups/meetings/${meetingId}/protocol`, { comment });
export const stepProtocol = (id: number, action: StepAction, comment: string): Promise<GroupDetail> =>
  post(`/groups/protocols/${id}/${action}`, { comment });
