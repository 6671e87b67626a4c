import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiErrors } from '../common/api-error.dto.js';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MeResponse } from '../docs/responses.js';
import { CurrentPrincipal, Roles } from '../common/decorators.js';
import { type Principal } from '../common/principal.js';
import { CreateUserDto } from './dto/create-user.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@ApiErrors()
@Controller('api/users')
@Roles('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @ApiOperation({ summary: 'Issue a token for a user; the token is shown once and stored only as a hash' })
  @Post()
  create(@CurrentPrincipal() who: Principal, @Body() dto: CreateUserDto) {
    return this.users.create(who, dto);
  }

  @Get()
  list() {
    return this.users.list();
  }

  @ApiOperation({
    summary: "Revoke a user's token, effective at once; for a nurse user it also ends the nurse's calendar feed (a later user of the nurse gets a fresh URL)",
  })
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
    summary: 'Who the bearer token belongs to: id, name, role and scope (regionCodes, insurerUzovi, nurseId)',
    description: 'Any authenticated caller. Used by the web app to pick the view that fits the role. The token itself is never returned.',
  })
  @ApiOkResponse({ type: MeResponse })
  @Get()
  me(@CurrentPrincipal() who: Principal) {
    return this.users.whoAmI(who);
  }
}
