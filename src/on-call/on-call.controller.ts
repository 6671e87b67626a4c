import { Controller, Get, Query } from '@nestjs/common';
import { ApiErrors } from '../common/api-error.dto.js';
import { OnCallResponse } from '../docs/responses.js';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { FUNCTIONS } from '../contracts/contract.entity.js';
import { OnCallService } from './on-call.service.js';

@ApiTags('on call')
@ApiBearerAuth()
@ApiErrors()
@Controller('api/on-call')
export class OnCallController {
  constructor(private readonly onCall: OnCallService) {}

  @ApiOperation({ summary: 'Who is on call for a function in a region at an instant (default now); any authenticated caller' })
  @ApiQuery({ name: 'regionCode', description: 'Region code', example: 'AMS' })
  @ApiQuery({ name: 'function', description: 'Function code', enum: FUNCTIONS })
  @ApiQuery({ name: 'at', required: false, description: 'Instant with offset (send + as %2B); default now', example: '2027-03-28T03:00:00+02:00' })
  @ApiOkResponse({ type: OnCallResponse })
  @Get()
  get(@Query() query: Record<string, unknown>) {
    return this.onCall.lookup(this.onCall.parseQuery(query));
  }
}
