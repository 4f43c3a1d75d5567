import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { AnnotationRequest, AnnotationView, CompareView, Indicators, IndicatorsQuery, MinutesModel, RecordDetails, RecordView, RecordsSettings, SearchQuery, SearchResult, TimelineEntry } from '../../shared/api/records.ts';
import { requireUser } from '../auth/session-middleware.ts';
import { errorResponses } from '../routes/errors.ts';

/** OpenAPI declarations of the records endpoints; handlers are in server/routes/records.ts. */

const meetingId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: '会議IDの形式が正しくありません (invalid meeting id)' });
const caseId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'ケースIDの形式が正しくありません (invalid case id)' });
const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });

export const timelineRoute = createRoute({
  method: 'get',
  path: '/cases/{caseId}/timeline',
  middleware: [requireUser] as const,
  request: { params: z.object({ caseId }) },
  responses: { 200: { description: 'The case’s meetings with what their records show this viewer', ...json(z.array(TimelineEntry)) }, ...errorResponses(400, 401, 404) },
});

export const recordRoute = createRoute({
  method: 'get',
  path: '/meetings/{meetingId}/record',
  middleware: [requireUser] as const,
  request: { params: z.object({ meetingId }) },
  responses: {
    200: { description: 'The board as it closed, filtered by the viewer’s access now', ...json(RecordView) },
    ...errorResponses(400, 401, 404, 409, 410),
  },
});

export const compareRoute = createRoute({
  method: 'get',
  path: '/meetings/{a}/compare/{b}',
  middleware: [requireUser] as const,
  request: { params: z.object({ a: meetingId, b: meetingId }) },
  responses: { 200: { description: 'Plan fields, plan items and roles of two records, changes from a to b', ...json(CompareView) }, ...errorResponses(400, 401, 404, 409, 410) },
});

export const approveRoute = createRoute({
  method: 'post',
  path: '/meetings/{meetingId}/approve',
  middleware: [requireUser] as const,
  request: { params: z.object({ meetingId }) },
  responses: { 200: { description: 'Approved (確定): the record can only be annotated from now on', ...json(z.object({ approvedAt: z.string() })) }, ...errorResponses(400, 401, 403, 404, 409) },
});

export const annotateRoute = createRoute({
  method: 'post',
  path: '/meetings/{meetingId}/annotations',
  middleware: [requireUser] as const,
  request: { params: z.object({ meetingId }), body: { ...json(AnnotationRequest), required: true } },
  responses: { 201: { description: 'Appended; every annotation of the record', ...json(z.array(AnnotationView)) }, ...errorResponses(400, 401, 403, 404, 409) },
});

export const searchRoute = createRoute({
  method: 'get',
  path: '/search',
  middleware: [requireUser] as const,
  request: { query: SearchQuery },
  responses: { 200: { description: 'Hits from records the viewer may see now (nothing about the rest)', ...json(SearchResult) }, ...errorResponses(400, 401) },
});

export const minutesDocxRoute = createRoute({
  method: 'get',
  path: '/meetings/{meetingId}/minutes.docx',
  middleware: [requireUser] as const,
  request: { params: z.object({ meetingId }) },
  responses: {
    200: {
      description: '会議録 (Word), with only what the requester may see',
      content: { 'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: z.string().meta({ format: 'binary' }) } },
    },
    ...errorResponses(400, 401, 403, 404, 409, 410),
  },
});

export const indicatorsRoute = createRoute({
  method: 'get',
  path: '/indicators',
  middleware: [requireUser] as const,
  request: { query: IndicatorsQuery },
  responses: {
    200: {
      description: 'Fiscal-year indicators; ?format=csv gives UTF-8 CSV with a BOM',
      content: { 'application/json': { schema: Indicators }, 'text/csv': { schema: z.string() } },
    },
    ...errorResponses(400, 401, 403),
  },
});

export const minutesModelRoute = createRoute({
  method: 'get',
  path: '/meetings/{meetingId}/minutes',
  middleware: [requireUser] as const,
  request: { params: z.object({ meetingId }) },
  responses: { 200: { description: '会議録 as the print layout shows it: the same model the DOCX renders', ...json(MinutesModel) }, ...errorResponses(400, 401, 404, 409, 410) },
});

export const recordDetailsRoute = createRoute({
  method: 'get',
  path: '/meetings/{meetingId}/record-details',
  middleware: [requireUser] as const,
  request: { params: z.object({ meetingId }) },
  responses: { 200: { description: '開催方法, 開催場所 and 記録者 of the meeting', ...json(RecordDetails) }, ...errorResponses(400, 401, 404) },
});

export const setRecordDetailsRoute = createRoute({
  method: 'put',
  path: '/meetings/{meetingId}/record-details',
  middleware: [requireUser] as const,
  request: { params: z.object({ meetingId }), body: { ...json(RecordDetails), required: true } },
  responses: { 200: { description: 'Saved', ...json(RecordDetails) }, ...errorResponses(400, 401, 403, 404, 409) },
});

export const recordsSettingsRoute = createRoute({
  method: 'get',
  path: '/records/settings',
  middleware: [requireUser] as const,
  responses: { 200: { description: 'The municipality’s heading and 様式 number on every 会議録', ...json(RecordsSettings) }, ...errorResponses(401) },
});

export const setRecordsSettingsRoute = createRoute({
  method: 'put',
  path: '/records/settings',
  middleware: [requireUser] as const,
  request: { body: { ...json(RecordsSettings), required: true } },
  responses: { 200: { description: 'Saved', ...json(RecordsSettings) }, ...errorResponses(400, 401, 403) },
});
