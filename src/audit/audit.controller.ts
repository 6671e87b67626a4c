import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiErrors } from '../common/api-error.dto.js';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../common/decorators.js';
import { AuditService } from './audit.service.js';
import { AuditEventResponse } from './audit-event.response.js';
import { ListAuditEventsQuery } from './dto/list-audit-events.dto.js';

@ApiTags('audit')
@ApiBearerAuth()
@ApiErrors()
@Controller('api/audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @ApiOperation({
    summary: 'The append-only audit log (admin only), newest first, in pages',
    description:
      'Events newest first (events of the same millisecond in reverse order of writing). At most `limit` events ' +
      'per page; when there are more, the answer carries the next page as `X-Next-Cursor: <cursor>` and ' +
      '`Link: </api/audit-events?…&cursor=<cursor>>; rel="next"`. The last page has neither header. Events ' +
      'written while paging appear on a new first page, never as duplicates or gaps. A bad cursor or limit is a 400.',
  })
  @ApiOkResponse({
    type: [AuditEventResponse],
    headers: {
      'X-Next-Cursor': { description: 'Cursor of the next page; absent on the last page', schema: { type: 'string' } },
      Link: { description: 'The next page as `<url>; rel="next"`; absent on the last page', schema: { type: 'string' } },
    },
  })
  @Get()
  @Roles('admin')
  async list(@Query() q: ListAuditEventsQuery, @Res({ passthrough: true }) res: Response) {
    const page = await this.audit.list(q);
    if (page.nextCursor) {
      res.setHeader('X-Next-Cursor', page.nextCursor);
      res.setHeader('Link', `<${nextPagePath(q, page.nextCursor)}>; rel="next"`);
    }
    return page.events;
  }
}

/** The same query with the next cursor, for the Link header. */
function nextPagePath(q: ListAuditEventsQuery, cursor: string): string {
  const params = new URLSearchParams();
  for (const key of ['entityType', 'entityId', 'from', 'to', 'limit'] as const) {
    if (q[key] !== undefined) params.set(key, String(q[key]));
  }
  params.set('cursor', cursor);
  return `/api/audit-events?${params}`;
}
