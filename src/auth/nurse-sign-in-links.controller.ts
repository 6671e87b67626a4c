import { Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-error.dto.js';
import { CurrentPrincipal, Roles } from '../common/decorators.js';
import type { Principal } from '../common/principal.js';
import { SignInLinkResponse } from './sign-in.response.js';
import { SignInLinksService } from './sign-in-links.service.js';

/** The same one-time links, addressed by nurse: a coordinator knows its nurses, not their user ids. */
@ApiTags('sign-in')
@ApiBearerAuth()
@ApiCookieAuth('session')
@ApiErrors()
@Controller('api/nurses')
export class NurseSignInLinksController {
  constructor(private readonly links: SignInLinksService) {}

  @ApiOperation({
    summary: "A one-time sign-in link for a nurse's phone, for the nurse's own user (admin; a coordinator for a nurse in its scope)",
    description:
      "Like POST /api/users/{id}/sign-in-links for the active user of this nurse. A nurse outside the caller's scope, or without an active user account, answers 404.",
  })
  @ApiCreatedResponse({ type: SignInLinkResponse })
  @Roles('coordinator')
  @Post(':id/sign-in-links')
  create(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    return this.links.createForNurse(who, id);
  }
}
