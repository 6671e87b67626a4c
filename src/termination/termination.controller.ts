import { Body, Controller, Delete, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/decorators.js';
import { type Principal } from '../common/principal.js';
import { ApiErrors } from '../common/api-error.dto.js';
import { TerminateContractDto } from '../contracts/dto/create-contract.dto.js';
import { TemplateDeletionResponse, TerminatedContractResponse } from './termination.response.js';
import { DeleteTemplateQuery } from '../roster/dto/create-template.dto.js';
import { TerminationService } from './termination.service.js';

@ApiBearerAuth()
@ApiErrors()
@Controller('api')
export class TerminationController {
  constructor(private readonly termination: TerminationService) {}

  @ApiTags('contracts')
  @ApiOperation({
    summary: 'Shorten the period; slots after lastDay are removed and their assignments cancelled (listed)',
    description:
      'Cancelled assignments stay as records (status cancelled, audited one event each); offers on them become cancelled. ' +
      '409 when a final statement covers a day after lastDay; 422 `last-day-outside-period`.',
  })
  @ApiOkResponse({ type: TerminatedContractResponse })
  @Post('contracts/:id/terminate')
  @HttpCode(200)
  @Roles('insurer')
  terminate(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Body() dto: TerminateContractDto) {
    return this.termination.terminateContract(who, id, dto);
  }

  @ApiTags('roster')
  @ApiOperation({ summary: "Remove a template's future slots; 409 when any is assigned unless ?force=true cancels them" })
  @ApiOkResponse({ type: TemplateDeletionResponse, description: 'The removed slots counted and the cancelled assignments listed' })
  @Delete('templates/:id')
  @HttpCode(200)
  @Roles('coordinator')
  deleteTemplate(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Query() q: DeleteTemplateQuery) {
    return this.termination.deleteTemplate(who, id, q.force === 'true');
  }
}
