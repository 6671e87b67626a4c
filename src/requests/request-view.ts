import { formatInstant } from '../common/local-time.js';
import { RequestEntity, RequestPageEntity } from './request.entities.js';
import type { PageResponse, RequestResponse } from './request.response.js';

const at = (ms: number | null, zone: string) => (ms === null ? null : formatInstant(ms, zone));

export function pageView(p: RequestPageEntity, zone: string): PageResponse {
  return { id: p.id, step: p.step, nurseId: p.nurseId, userId: p.userId, name: p.name, pagedAt: formatInstant(p.pagedAt, zone) };
}

/** The request as the API shows it; instants in the region's zone. */
export function requestView(r: RequestEntity, pages: RequestPageEntity[], zone: string): RequestResponse {
  const acknowledged = r.acknowledgedPageId ? pages.find((p) => p.id === r.acknowledgedPageId) : undefined;
  return {
    id: r.id,
    regionCode: r.regionCode,
    function: r.function,
    contractId: r.contractId,
    urgency: r.urgency,
    postcode: r.postcode,
    partnerReference: r.partnerReference,
    callbackPhone: r.callbackPhone,
    status: r.status,
    createdAt: formatInstant(r.createdAt, zone),
    step: r.step,
    nextStepAt: at(r.nextStepAt, zone),
    pages: pages.map((p) => pageView(p, zone)),
    acknowledgedAt: at(r.acknowledgedAt, zone),
    acknowledgedBy: acknowledged ? { nurseId: acknowledged.nurseId, userId: acknowledged.userId, name: acknowledged.name } : null,
    resolvedAt: at(r.resolvedAt, zone),
    outcome: r.outcome,
    cancelledAt: at(r.cancelledAt, zone),
  };
}

export type RequestView = ReturnType<typeof requestView>;

/** What a provider's webhook receives for one page: the request without the callback phone, and the page. */
export function webhookBody(r: RequestEntity, page: RequestPageEntity, zone: string) {
  const { callbackPhone: _phone, pages: _pages, ...request } = requestView(r, [], zone);
  void _phone;
  void _pages;
  return { ...request, page: pageView(page, zone) };
}
