import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiErrors } from '../common/api-error.dto.js';
import { AssignmentResponse, CreatedAssignmentResponse, ReplaceAssignmentResponse } from './assignment.response.js';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/decorators.js';
import { type Principal } from '../common/principal.js';
import { DateRangeQuery } from '../roster/dto/list-slots.query.js';
import { AssignmentsService } from './assignments.service.js';
import { CreateAssignmentDto } from './dto/create-assignment.dto.js';
import { ReplaceAssignmentDto } from './dto/replace-assignment.dto.js';

@ApiTags('assignments')
@ApiBearerAuth()
@ApiErrors()
@Controller('api')
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  @ApiOperation({
    summary: 'Put a nurse on a slot',
    description:
      "409 with violations for slot-full, overlap or closed-month; 422 with every broken rule at once (employer, qualification, absence and the working-time codes). The working-time rules count the duties of every record of the nurse's person (records with her BIG number), in every region. Beyond her contract hours in the slot's calendar week the assignment is made all the same, and `warnings` says so (contract-hours).",
  })
  @ApiCreatedResponse({ type: CreatedAssignmentResponse })
  @Post('slots/:id/assignments')
  @Roles('coordinator')
  assign(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Body() dto: CreateAssignmentDto) {
    return this.assignments.assign(who, id, dto.nurseId);
  }

  @ApiOperation({
    summary: 'Replace the nurse of an assignment in one step',
    description:
      'Cancels the assignment and puts the given nurse on its slot in one transaction, judged as POST /api/slots/:id/assignments judges (the replaced assignment not counted), and warned about as it warns (contract-hours). 409 when the assignment is already cancelled or the nurse is already on the slot, and with violations for overlap or closed-month; 422 with every broken rule; 404 for an unknown or out-of-scope assignment or nurse.',
  })
  @ApiCreatedResponse({ type: ReplaceAssignmentResponse })
  @Post('assignments/:id/replace')
  @Roles('coordinator')
  replace(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Body() dto: ReplaceAssignmentDto) {
    return this.assignments.replace(who, id, dto.nurseId);
  }

  @Delete('assignments/:id')
  @HttpCode(204)
  @Roles('coordinator')
  async unassign(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    await this.assignments.unassign(who, id);
  }

  @ApiOkResponse({ type: [AssignmentResponse] })
  @Get('nurses/:id/shifts')
  @Roles('coordinator', 'nurse')
  shifts(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Query() q: DateRangeQuery) {
    return this.assignments.shiftsOf(who, id, q.from, q.to);
  }
}
