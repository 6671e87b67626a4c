import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiErrors } from '../common/api-error.dto.js';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/decorators.js';
import { type Principal } from '../common/principal.js';
import { CreateTemplateDto } from './dto/create-template.dto.js';
import { TemplateResponse } from './template.response.js';
import { TemplatesService } from './templates.service.js';

@ApiTags('roster')
@ApiBearerAuth()
@ApiErrors()
@Controller('api')
export class RosterController {
  constructor(private readonly templates: TemplatesService) {}

  @ApiOperation({
    summary: 'Lay down a recurring pattern; its slots are written with it in one transaction',
    description:
      'The pattern is judged and expanded in slices of a few milliseconds, so no template holds up other requests. 422 rule-never-occurs: the rule has no occurrence at all from the contract start; 422 too-many-slots: more than 20,000 slots (counted before any is placed); 409 closed-month.',
  })
  @ApiCreatedResponse({ type: TemplateResponse, description: 'The template and how many slots it made' })
  @Post('contracts/:id/templates')
  @Roles('coordinator')
  createTemplate(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Body() dto: CreateTemplateDto) {
    return this.templates.create(who, id, dto);
  }

  @ApiOperation({ summary: "The contract's templates that are not deleted, oldest first" })
  @ApiOkResponse({ type: [TemplateResponse] })
  @Get('contracts/:id/templates')
  @Roles('coordinator', 'insurer')
  listTemplates(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    return this.templates.list(who, id);
  }
}
