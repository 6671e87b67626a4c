import { Body, Controller, Get, Param, Patch, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-error.dto.js';
import { CurrentPrincipal, Roles } from '../common/decorators.js';
import type { Principal } from '../common/principal.js';
import { CapacityQuery, PatchIntakeLineDto, PutIntakeDto } from './dto/intake.dto.js';
import { CapacityCellResponse, IntakeResponse } from './intake.response.js';
import { IntakeService } from './intake.service.js';

@ApiTags('referrals')
@ApiBearerAuth()
@ApiErrors()
@Controller('api/providers/:agb/intake')
export class IntakeController {
  constructor(private readonly intake: IntakeService) {}

  @ApiOperation({
    summary: "The provider's intake capacity: its phone, last publication and lines with their lights (a provider user of that AGB, admin)",
    description: 'An addition to api.md, for the provider’s own page. Another provider’s AGB → 403; an unknown AGB → 404.',
  })
  @ApiOkResponse({ type: IntakeResponse })
  @Get()
  @Roles('provider')
  get(@CurrentPrincipal() who: Principal, @Param('agb') agb: string) {
    return this.intake.get(who, agb);
  }

  @ApiOperation({
    summary: "Publish the provider's intake capacity: replaces every line (a provider user of that AGB, admin)",
    description:
      'Each line: a region, a care kind, PC4 codes and inclusive ranges, places (0–99: new clients the provider can start within 48 h) and primary (its own neighbourhood team). The answer gives each line its light: green (places ≥ 2), orange (1), red (0), grey when the provider has not published for longer than the region’s capacityStaleHours. Publishing (this, or a PATCH of one line) renews the provider’s publication time. Lines of one region and care kind may not share a PC4 (422 intake-overlap, one violation per pair); an unknown region → 422 unknown-reference; nothing is written then. Every line gets a new id.',
  })
  @ApiOkResponse({ type: IntakeResponse })
  @Put()
  @Roles('provider')
  put(@CurrentPrincipal() who: Principal, @Param('agb') agb: string, @Body() dto: PutIntakeDto) {
    return this.intake.put(who, agb, dto);
  }

  @ApiOperation({
    summary: "Set one line's places in one tap (a provider user of that AGB, admin); answers the whole intake",
    description: 'Also a publication: the provider’s lines are current again (none reads grey). An unknown line, or another provider’s, → 404.',
  })
  @ApiOkResponse({ type: IntakeResponse })
  @Patch('lines/:id')
  @Roles('provider')
  patchLine(@CurrentPrincipal() who: Principal, @Param('agb') agb: string, @Param('id') id: string, @Body() dto: PatchIntakeLineDto) {
    return this.intake.patchLine(who, agb, id, dto);
  }
}

@ApiTags('referrals')
@ApiBearerAuth()
@ApiErrors()
@Controller('api/capacity')
export class CapacityController {
  constructor(private readonly intake: IntakeService) {}

  @ApiOperation({
    summary:
      'The region’s intake capacity per PC4 and care kind: the lines that cover it, with their lights (coordinator or partner of the region, provider, admin)',
    description:
      'One entry per PC4 that a line of the region covers, per care kind, ordered by PC4 and care kind. A partner sees the counts per light and the best light, never the providers (lines left out). An unknown region → 404.',
  })
  @ApiOkResponse({ type: [CapacityCellResponse] })
  @Get()
  @Roles('coordinator', 'provider', 'partner')
  capacity(@CurrentPrincipal() who: Principal, @Query() q: CapacityQuery) {
    return this.intake.capacity(who, q);
  }
}
