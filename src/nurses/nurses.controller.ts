import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NurseResponse } from './nurse.response.js';
import { ApiErrors } from '../common/api-error.dto.js';
import { CurrentPrincipal, Roles } from '../common/decorators.js';
import { type Principal } from '../common/principal.js';
import { CreateNurseDto, ListNursesQuery, UpdateNurseDto } from './dto/create-nurse.dto.js';
import { NursesService } from './nurses.service.js';

@ApiTags('nurses')
@ApiBearerAuth()
@ApiErrors()
@Controller('api/nurses')
export class NursesController {
  constructor(private readonly nurses: NursesService) {}
  @ApiOperation({ summary: "Nurses in scope: all for admin, employers of responsible parties in a coordinator's regions, itself for a nurse" })
  @ApiOkResponse({ type: [NurseResponse], description: 'The nurses in scope' })
  @Get()
  @Roles('coordinator', 'nurse')
  list(@CurrentPrincipal() who: Principal, @Query() query: ListNursesQuery) {
    return this.nurses.list(who, query.employerAgb);
  }
  @ApiOkResponse({ type: NurseResponse })
  @Get(':id')
  @Roles('coordinator', 'nurse')
  get(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    return this.nurses.get(who, id);
  }
  @ApiCreatedResponse({ type: NurseResponse, description: 'The nurse as recorded' })
  @Post()
  @Roles('coordinator')
  create(@CurrentPrincipal() who: Principal, @Body() dto: CreateNurseDto) {
    return this.nurses.create(who, dto);
  }
  @ApiOkResponse({ type: NurseResponse, description: 'The nurse after the change' })
  @Patch(':id')
  @Roles('coordinator')
  @HttpCode(200)
  update(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Body() dto: UpdateNurseDto) {
    return this.nurses.update(who, id, dto);
  }
}
