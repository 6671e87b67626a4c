import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
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
  @ApiOperation({ summary: 'Nurses in scope: all for admin, employers of responsible parties in a coordinator\'s regions, itself for a nurse' })
  @Get()
  @Roles('coordinator', 'nurse')
  list(@CurrentPrincipal() who: Principal, @Query() query: ListNursesQuery) {
    return this.nurses.list(who, query.employerAgb);
  }
  @Get(':id') @Roles('coordinator', 'nurse') get(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    return this.nurses.get(who, id);
  }
  @Post() @Roles('coordinator') create(@CurrentPrincipal() who: Principal, @Body() dto: CreateNurseDto) {
    return this.nurses.create(who, dto);
  }
  @Patch(':id') @Roles('coordinator') @HttpCode(200) update(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Body() dto: UpdateNurseDto) {
    return this.nurses.update(who, id, dto);
  }
}
