import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-error.dto.js';
import { OnCallResponse } from './on-call.response.js';
import { OnCallQuery } from './dto/on-call.query.js';
import { OnCallService } from './on-call.service.js';

@ApiTags('on call')
@ApiBearerAuth()
@ApiErrors()
@Controller('api/on-call')
export class OnCallController {
  constructor(private readonly onCall: OnCallService) {}

  @ApiOperation({ summary: 'Who is on call for a function in a region at an instant (default now); any authenticated caller' })
  @ApiOkResponse({ type: OnCallResponse })
  @Get()
  get(@Query() query: OnCallQuery) {
    return this.onCall.lookup(query);
  }
}
