import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-error.dto.js';
import { CurrentPrincipal, Roles } from '../common/decorators.js';
import { type Principal } from '../common/principal.js';
import { SlotResponse } from '../roster/slot.response.js';
import { ListSlotsQuery } from '../roster/dto/list-slots.query.js';
import { SlotViewsService } from './slot-views.service.js';

@ApiTags('roster')
@ApiBearerAuth()
@ApiErrors()
@Controller('api')
export class SlotsController {
  constructor(private readonly slots: SlotViewsService) {}

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
