import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiErrors } from '../common/api-error.dto.js';
import { SlotResponse } from '../docs/responses.js';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/decorators.js';
import { type Principal } from '../common/principal.js';
import { CreateTemplateDto } from './dto/create-template.dto.js';
import { ListSlotsQuery } from './dto/list-slots.query.js';
import { SlotsService } from './slots.service.js';
import { TemplatesService } from './templates.service.js';

@ApiTags('roster')
@ApiBearerAuth()
@ApiErrors()
@Controller('api')
export class RosterController {
  constructor(
    private readonly templates: TemplatesService,
    private readonly slots: SlotsService,
  ) {}

  @ApiOperation({ summary: 'Lay down a recurring pattern; its slots are written with it in one transaction' })
  @Post('contracts/:id/templates')
  @Roles('coordinator')
  createTemplate(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Body() dto: CreateTemplateDto) {
    return this.templates.create(who, id, dto);
  }

  @Get('contracts/:id/templates')
  @Roles('coordinator', 'insurer')
  listTemplates(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    return this.templates.list(who, id);
  }

  @ApiOperation({ summary: 'Slots of a region by local start date (at most 366 days), ordered by start' })
  @ApiOkResponse({ type: [SlotResponse] })
  @Get('slots')
  @Roles('coordinator', 'insurer')
  listSlots(@CurrentPrincipal() who: Principal, @Query() q: ListSlotsQuery) {
    return this.slots.list(who, q);
  }

  @ApiOkResponse({ type: SlotResponse })
  @Get('slots/:id')
  @Roles('coordinator', 'insurer')
  getSlot(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    return this.slots.get(who, id);
  }
}
