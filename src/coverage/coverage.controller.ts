import { Controller, Get, Query } from '@nestjs/common';
import { ApiErrors } from '../common/api-error.dto.js';
import { CoverageResponse } from './coverage.response.js';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/decorators.js';
import { type Principal } from '../common/principal.js';
import { CoverageQuery, CoverageService } from './coverage.service.js';

@ApiTags('coverage')
@ApiBearerAuth()
@ApiErrors()
@Controller('api/coverage')
export class CoverageController {
  constructor(private readonly coverage: CoverageService) {}

  @ApiOperation({ summary: 'Position-minutes, covered minutes and open slots per contract for a region and month' })
  @ApiOkResponse({ type: [CoverageResponse] })
  @Get()
  @Roles('insurer', 'coordinator')
  get(@CurrentPrincipal() who: Principal, @Query() q: CoverageQuery) {
    return this.coverage.coverage(who, q);
  }
}
