import { Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-error.dto.js';
import { CurrentPrincipal, Roles } from '../common/decorators.js';
import type { Principal } from '../common/principal.js';
import { SignInLinkResponse } from './sign-in.response.js';
import { SignInLinksService } from './sign-in-links.service.js';

@ApiTags('sign-in')
@ApiBearerAuth()
@ApiCookieAuth('session')
@ApiErrors()
@Controller('api/users')
export class SignInLinksController {
  constructor(private readonly links: SignInLinksService) {}

  @ApiOperation({
    summary: "A one-time sign-in link for a user's phone (admin; a coordinator for a nurse user in its scope)",
    description:
      "Valid 15 minutes and usable once; only a hash of its secret is stored, so the URL is shown once. Opening it (GET /auth/link/{secret}) starts a device session of 90 days, revocable by the person (DELETE /api/me/sessions/{id}) and by an admin. A user outside the caller's scope answers 404.",
  })
  @ApiCreatedResponse({ type: SignInLinkResponse })
  @Roles('coordinator')
  @Post(':id/sign-in-links')
  create(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    return this.links.create(who, id);
  }
}
