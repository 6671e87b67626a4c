import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiErrors } from '../common/api-error.dto.js';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreatedUserResponse, IdentityLinkResponse, MeResponse, UserResponse } from './user.response.js';
import { CurrentPrincipal, Roles } from '../common/decorators.js';
import { type Principal } from '../common/principal.js';
import { CreateUserDto, UpdateUserDto } from './dto/create-user.dto.js';
import { UserIdentitiesService } from './user-identities.service.js';
import { UsersService } from './users.service.js';
import type { RequestSession } from './sessions.service.js';

@ApiTags('users')
@ApiBearerAuth()
@ApiErrors()
@Controller('api/users')
@Roles('admin')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly identities: UserIdentitiesService,
  ) {}

  @ApiOperation({ summary: 'Issue a token for a user; the token is shown once and stored only as a hash' })
  @ApiCreatedResponse({ type: CreatedUserResponse, description: 'The user and its token (shown this once)' })
  @Post()
  create(@CurrentPrincipal() who: Principal, @Body() dto: CreateUserDto) {
    return this.users.create(who, dto);
  }

  @ApiOperation({ summary: 'Every user, oldest first, revoked ones included (never a token)' })
  @ApiOkResponse({ type: [UserResponse] })
  @Get()
  list() {
    return this.users.list();
  }

  @ApiOperation({
    summary: "Rename a user or set the e-mail address it signs in with (unique, lower-cased; null removes it); another user's address → 409",
  })
  @ApiOkResponse({ type: UserResponse, description: 'The user after the change' })
  @Patch(':id')
  update(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(who, id, dto);
  }

  @ApiOperation({
    summary: "The user's links to identity providers (admin): one per provider, made at its first sign-in there",
    description:
      'A person signing in through an identity provider is found by the link of the provider’s identity (issuer and subject); the first sign-in at a provider links the active user who holds the verified e-mail address, if that user has no link there yet. An unknown user → 404; a revoked user has none (revoking removes them).',
  })
  @ApiOkResponse({ type: [IdentityLinkResponse], description: 'Oldest first' })
  @Get(':id/identities')
  listIdentities(@Param('id') id: string) {
    return this.identities.list(id);
  }

  @ApiOperation({
    summary: 'Remove a link to an identity provider (admin); the user’s sessions signed in through that provider end with it',
    description:
      'The next sign-in at that provider links the user again by its verified e-mail address (the first identity to sign in with it). Audited (`unlink` on the link, `end` on each session). An unknown link, or one of another user → 404.',
  })
  @ApiNoContentResponse()
  @Delete(':id/identities/:identityId')
  @HttpCode(204)
  async unlink(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Param('identityId') identityId: string) {
    await this.identities.unlink(who, id, identityId);
  }

  @ApiOperation({
    summary:
      "Revoke a user's token, effective at once; its sessions, its links to identity providers and its open page streams end with it (on every instance); for a nurse user it also ends the nurse's calendar feed (a later user of the nurse gets a fresh URL)",
  })
  @ApiNoContentResponse({ description: 'Revoked' })
  @Delete(':id')
  @HttpCode(204)
  async revoke(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    await this.users.revoke(who, id);
  }
}

@ApiTags('users')
@ApiBearerAuth()
@ApiErrors()
@Controller('api/me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @ApiOperation({
    summary: 'Who the bearer token or session belongs to: id, name, role and scope (regionCodes, insurerUzovi, nurseId)',
    description:
      'Any authenticated caller. Used by the web app to pick the view that fits the role. The token itself is never returned. Signed in by session cookie, the answer adds `csrfToken`, to be sent as X-CSRF-Token with every request other than GET and HEAD.',
  })
  @ApiOkResponse({ type: MeResponse })
  @Get()
  async me(@CurrentPrincipal() who: Principal, @Req() request: { signInSession?: RequestSession }): Promise<MeResponse> {
    const me = await this.users.whoAmI(who);
    return request.signInSession ? { ...me, csrfToken: request.signInSession.csrfToken } : me;
  }
}
