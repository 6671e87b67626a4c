import { formatInstant } from '../common/local-time.js';
import type { PageDelivery } from '../delivery/outbox.service.js';
import { RequestEntity, RequestPageEntity } from './request.entities.js';
import type { DeliveryResponse, PageResponse, RequestResponse } from './request.response.js';

const at = (ms: number | null, zone: string) => (ms === null ? null : formatInstant(ms, zone));

/** A page's deliveries by channel: its open event stream (if one carried it), then the outbox's webhook, push and SMS. */
export function deliveriesView(p: RequestPageEntity, outbox: PageDelivery[], zone: string): DeliveryResponse[] {
  const list: DeliveryResponse[] = [];
  if (p.streamedAt !== null)
    list.push({ channel: 'stream', sentAt: formatInstant(p.streamedAt, zone), deliveredAt: formatInstant(p.streamedAt, zone), error: null });
  for (const d of outbox) {
    if (d.pageId !== p.id) continue;
    const channel = d.kind === 'push' ? 'push' : d.kind === 'sms' ? 'sms' : 'webhook';
    // A webhook's receiver is its destination; a push service does not say when the phone has it;
    // an SMS is on the handset when the gateway's delivery report says so.
    const deliveredAt = channel === 'webhook' ? d.acceptedAt : channel === 'sms' ? d.reachedAt : null;
    list.push({ channel, sentAt: at(d.acceptedAt, zone), deliveredAt: at(deliveredAt, zone), error: d.lastError });
  }
  return list;
}

export function pageView(p: RequestPageEntity, zone: string, outbox: PageDelivery[] = []): PageResponse {
  return {
    id: p.id,
    step: p.step,
    nurseId: p.nurseId,
    userId: p.userId,
    name: p.name,
    pagedAt: formatInstant(p.pagedAt, zone),
    manual: p.pagedBy !== null && p.pagedBy !== undefined,
    smsDueAt: at(p.smsDueAt ?? null, zone),
    deliveries: deliveriesView(p, outbox, zone),
  };
}

/** The request as the API shows it; instants in the region's zone. */
export function requestView(r: RequestEntity, pages: RequestPageEntity[], zone: string, outbox: PageDelivery[] = []): RequestResponse {
  const acknowledged = r.acknowledgedPageId ? pages.find((p) => p.id === r.acknowledgedPageId) : undefined;
  const acknowledgedBy = acknowledged
    ? { nurseId: acknowledged.nurseId, userId: acknowledged.userId, name: acknowledged.name }
    : r.acknowledgedByUserId
      ? { nurseId: null, userId: r.acknowledgedByUserId, name: r.acknowledgedByName ?? r.acknowledgedByUserId }
      : null;
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
    pages: pages.map((p) => pageView(p, zone, outbox)),
    acknowledgedAt: at(r.acknowledgedAt, zone),
    acknowledgedBy,
    acknowledgedVia: r.acknowledgedAt === null ? null : (r.acknowledgedVia ?? 'app'),
    resolvedAt: at(r.resolvedAt, zone),
    outcome: r.outcome,
    cancelledAt: at(r.cancelledAt, zone),
  };
}

export type RequestView = ReturnType<typeof requestView>;

/** What a provider's webhook receives for one page: the request without the callback phone, and the page as api.md fixes it. */
export function webhookBody(r: RequestEntity, page: RequestPageEntity, zone: string) {
  const { callbackPhone: _phone, pages: _pages, acknowledgedVia: _via, ...request } = requestView(r, [], zone);
  void _phone;
  void _pages;
  void _via;
  return {
    ...request,
    page: { id: page.id, step: page.step, nurseId: page.nurseId, userId: page.userId, name: page.name, pagedAt: formatInstant(page.pagedAt, zone) },
  };
}

/** What a push carries (api.md): the request and page ids and what the notification says; no callback phone, no partner reference. */
export function pushBody(r: RequestEntity, page: RequestPageEntity) {
  return { type: 'page', requestId: r.id, pageId: page.id, function: r.function, urgency: r.urgency, postcode: r.postcode, step: page.step };
}
