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
  @ApiOperation({
    summary: 'Record a nurse (one employment)',
    description:
      'A person employed twice has a record for each employment; records with the same bigNumber are one person, whose duties every working-time rule counts together. regionCodes: the regions she works in, which roster plans draw on (null or left out: every region where her employer is responsible; an empty list is 400; an unknown region 422 unknown-reference, as an unknown employer).',
  })
  @ApiCreatedResponse({ type: NurseResponse, description: 'The nurse as recorded' })
  @Post()
  @Roles('coordinator')
  create(@CurrentPrincipal() who: Principal, @Body() dto: CreateNurseDto) {
    return this.nurses.create(who, dto);
  }
  @ApiOperation({
    summary: 'Change a nurse record',
    description:
      'Fields left out stay as they are. A new bigNumber joins the record to that person from then on (duties already held are not judged again). regionCodes: null clears it (every region of the employer), a list replaces it (an empty list is 400, an unknown region 422 unknown-reference, and nothing is written).',
  })
  @ApiOkResponse({ type: NurseResponse, description: 'The nurse after the change' })
  @Patch(':id')
  @Roles('coordinator')
  @HttpCode(200)
  update(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Body() dto: UpdateNurseDto) {
    return this.nurses.update(who, id, dto);
  }
}
