import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-error.dto.js';
import { CurrentPrincipal, Roles } from '../common/decorators.js';
import type { Principal } from '../common/principal.js';
import { AbsenceResponse, RecordedAbsenceResponse } from './absence.response.js';
import { AbsencesService } from './absences.service.js';
import { CreateAbsenceDto } from './dto/create-absence.dto.js';

/** A nurse's absences (a code, never medical detail): recording one cancels her assignments inside it. */
@ApiTags('planning aids')
@ApiBearerAuth()
@ApiErrors()
@Controller('api')
export class AbsencesController {
  constructor(private readonly absences: AbsencesService) {}

  @ApiOperation({
    summary: "Record an absence (code only); the nurse's assignments inside it are cancelled and listed",
    description:
      'An absence whose inclusive dates intersect one already recorded for the nurse is 409 absence-overlap; the violation names that absence in conflictsWithAbsence. An absence reaching into a closed month is 409 closed-month.',
  })
  @ApiCreatedResponse({ type: RecordedAbsenceResponse, description: 'The absence and the assignments it cancelled' })
  @Post('nurses/:id/absences')
  @Roles('coordinator')
  createAbsence(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Body() dto: CreateAbsenceDto) {
    return this.absences.create(who, id, dto);
  }

  @ApiOperation({ summary: "A nurse's absences, by first date" })
  @ApiOkResponse({ type: [AbsenceResponse] })
  @Get('nurses/:id/absences')
  @Roles('coordinator', 'nurse')
  listAbsences(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    return this.absences.list(who, id);
  }

  @ApiOperation({ summary: 'Remove an absence; cancelled assignments stay cancelled' })
  @ApiNoContentResponse({ description: 'Removed' })
  @Delete('absences/:id')
  @HttpCode(204)
  @Roles('coordinator')
  async removeAbsence(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    await this.absences.remove(who, id);
  }
}
