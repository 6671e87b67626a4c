import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators.js';
import { type Principal } from '../auth/principal.js';
import { CoverageQuery, CoverageService } from './coverage.service.js';

@ApiTags('coverage')
@ApiBearerAuth()
@Controller('api/coverage')
export class CoverageController {
  constructor(private readonly coverage: CoverageService) {}

  @ApiOperation({ summary: 'Position-minutes, covered minutes and open slots per contract for a region and month' })
  @Get()
  @Roles('insurer', 'coordinator')
  get(@CurrentPrincipal() who: Principal, @Query() q: CoverageQuery) {
    return this.coverage.coverage(who, q);
  }
}
