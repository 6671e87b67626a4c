import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrors } from '../common/api-error.dto.js';
import { CurrentPrincipal, Roles } from '../common/decorators.js';
import { type Principal } from '../common/principal.js';
import type { RequestSession } from '../identity/sessions.service.js';
import { CreateRequestDto, ListRequestsQuery, MyPagesQuery, RequestStatsQuery, ResolveRequestDto } from './dto/create-request.dto.js';
import { MyPageResponse, RequestResponse, RequestStatsResponse } from './request.response.js';
import { PagesStream } from './pages-stream.js';
import { RequestsService } from './requests.service.js';

@ApiTags('acute requests')
@ApiBearerAuth()
@ApiErrors()
@Controller('api/requests')
export class RequestsController {
  constructor(private readonly requests: RequestsService) {}

  @ApiOperation({
    summary:
      'Raise an acute request (a partner in its regions, a coordinator of the region, admin): the nurses on duty are paged at once. No client data: unknown fields are refused (400); no contract active now → 422 no-contract',
  })
  @ApiCreatedResponse({ type: RequestResponse })
  @Post()
  @Roles('partner', 'coordinator')
  create(@CurrentPrincipal() who: Principal, @Body() dto: CreateRequestDto) {
    return this.requests.create(who, dto);
  }

  @ApiOperation({ summary: 'Requests in scope, newest first, at most 1000 (a partner its own, a coordinator its regions, admin all)' })
  @ApiOkResponse({ type: [RequestResponse] })
  @Get()
  @Roles('partner', 'coordinator')
  list(@CurrentPrincipal() who: Principal, @Query() q: ListRequestsQuery) {
    return this.requests.list(who, q);
  }

  @ApiOperation({
    summary: 'Response figures per contract for requests created in a local month (coordinator of the region, the contract’s insurer, admin)',
    description:
      'Times to acknowledgement are rounded half up to whole seconds (600.4 s is 600 s, 600.5 s is 601 s); medianAckSeconds and p90AckSeconds are nearest-rank over them. withinAckPct counts the requests whose whole seconds are at most ackMinutes × 60 (exactly ackMinutes is within), over the requests not cancelled before an acknowledgement, rounded half up to two decimals; null without any.',
  })
  @ApiOkResponse({ type: [RequestStatsResponse] })
  @Get('stats')
  @Roles('coordinator', 'insurer')
  stats(@CurrentPrincipal() who: Principal, @Query() q: RequestStatsQuery) {
    return this.requests.stats(who, q);
  }

  @ApiOperation({ summary: 'One request (its partner, a coordinator of the region, a nurse paged for it, admin)' })
  @ApiOkResponse({ type: RequestResponse })
  @Get(':id')
  @Roles('partner', 'coordinator', 'nurse')
  get(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    return this.requests.get(who, id);
  }

  @ApiOperation({
    summary: 'Acknowledge ("Ik ga"): someone paged for the request. Paging stops; a later acknowledgement → 409 already-acknowledged',
  })
  @ApiOkResponse({ type: RequestResponse })
  @Post(':id/acknowledge')
  @HttpCode(200)
  @Roles('nurse', 'coordinator')
  acknowledge(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    return this.requests.acknowledge(who, id);
  }

  @ApiOperation({
    summary: 'Resolve ("Afgerond") with an outcome: the acknowledging nurse, a coordinator of the region, admin. Resolved or cancelled → 409 request-closed',
  })
  @ApiOkResponse({ type: RequestResponse })
  @Post(':id/resolve')
  @HttpCode(200)
  @Roles('nurse', 'coordinator')
  resolve(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Body() dto: ResolveRequestDto) {
    return this.requests.resolve(who, id, dto);
  }

  @ApiOperation({
    summary: 'Cancel while not resolved: the partner who made it, a coordinator of the region, admin. Paging stops. Resolved or cancelled → 409 request-closed',
  })
  @ApiOkResponse({ type: RequestResponse })
  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('partner', 'coordinator')
  cancel(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    return this.requests.cancel(who, id);
  }
}

@ApiTags('acute requests')
@ApiBearerAuth()
@ApiErrors()
@Controller('api/me/pages')
export class MyPagesController {
  /** A comment line this often keeps proxies from closing an idle stream (tests shorten it). */
  static keepAliveMs = 15_000;

  constructor(
    private readonly requests: RequestsService,
    private readonly pagesStream: PagesStream,
  ) {}

  @ApiOperation({ summary: "The caller's pages, newest first, each with its request (a nurse; a coordinator paged at step 3)" })
  @ApiOkResponse({ type: [MyPageResponse] })
  @Get()
  @Roles('nurse', 'coordinator')
  list(@CurrentPrincipal() who: Principal, @Query() q: MyPagesQuery) {
    return this.requests.myPages(who, q);
  }

  @ApiOperation({
    summary:
      'New pages live, as server-sent events: one `page` event (data: the page with its request, as in the list) per new page, and a comment line every 15 s to keep the connection open',
    description:
      'The stream lasts no longer than the caller’s access: when its user is revoked, or the session it was opened with ends (sign-out, ended by the person or an admin, a removed identity link, or expiry), the stream sends `event: end` with data `{"reason":"user-revoked|session-ended"}` and closes, on whichever instance it is open (at once; an expiry within the poll interval, 10 s). Opening it again then answers 401. API tokens are never rotated in this service (a token lives until its user is revoked), so revocation is how a token stream ends.',
  })
  @ApiOkResponse({ description: 'Server-sent events', content: { 'text/event-stream': { schema: { type: 'string' } } } })
  @Get('stream')
  @Roles('nurse', 'coordinator')
  async stream(@CurrentPrincipal() who: Principal, @Req() req: { signInSession?: RequestSession }, @Res() res: Response): Promise<void> {
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    res.write(': connected\n\n');
    let open = true;
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), MyPagesController.keepAliveMs);
    // An open stream must not keep a stopping process alive.
    keepAlive.unref();
    let unsubscribe: (() => void) | null = null;
    res.on('close', () => {
      open = false;
      clearInterval(keepAlive);
      unsubscribe?.();
    });
    unsubscribe = await this.pagesStream
      .subscribe({
        nurseId: who.role === 'nurse' ? who.nurseId : null,
        userId: who.userId,
        sessionId: req.signInSession?.id ?? null,
        send: (page) => {
          void this.requests.pageWithRequest(page).then((event) => {
            if (open) res.write(`id: ${page.id}\nevent: page\ndata: ${JSON.stringify(event)}\n\n`);
          });
        },
        // The caller's access ended: one last event saying why, then the stream closes. A client
        // that reconnects meets the 401 of the ended session or the revoked token.
        end: (reason) => {
          if (!open) return;
          open = false;
          clearInterval(keepAlive);
          res.end(`event: end\ndata: ${JSON.stringify({ reason })}\n\n`);
        },
      })
      .catch((e: unknown) => {
        clearInterval(keepAlive);
        throw e;
      });
    // Closed (by the client, or ended) while it was opening: nothing more for it.
    if (!open) unsubscribe();
  }
}
