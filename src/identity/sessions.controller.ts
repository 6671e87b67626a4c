import { Controller, Delete, Get, HttpCode, Param, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-error.dto.js';
import { CurrentPrincipal, Roles } from '../common/decorators.js';
import type { Principal } from '../common/principal.js';
import { SessionResponse } from './session.response.js';
import { type RequestSession, SessionsService } from './sessions.service.js';

@ApiTags('sign-in')
@ApiBearerAuth()
@ApiCookieAuth('session')
@ApiErrors()
@Controller('api')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @ApiOperation({
    summary: "The caller's live sessions in the web app, newest first",
    description:
      'Any signed-in person (or a token holder, who sees the sessions of its user). `expiresAt` is when the session ends if it is not used again: 12 h after its last use, at most 30 days after sign-in; a device session (a one-time link on a phone) 90 days after sign-in, with no idle limit. `current` marks the session of this request.',
  })
  @ApiOkResponse({ type: [SessionResponse] })
  @Get('me/sessions')
  listOwn(@CurrentPrincipal() who: Principal, @Req() request: { signInSession?: RequestSession }) {
    return this.sessions.listOwn(who, request.signInSession);
  }

  @ApiOperation({ summary: "End one of the caller's own sessions (another user's session, or an ended one, answers 404)" })
  @ApiNoContentResponse()
  @Delete('me/sessions/:id')
  @HttpCode(204)
  async endOwn(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    await this.sessions.endOwn(who, id);
  }

  @ApiOperation({ summary: "End anyone's session (admin)" })
  @ApiNoContentResponse()
  @Roles('admin')
  @Delete('sessions/:id')
  @HttpCode(204)
  async endAny(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    await this.sessions.endAny(who, id);
  }
}
