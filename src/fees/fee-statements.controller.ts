import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiErrors } from '../common/api-error.dto.js';
import { FeeStatementResponse } from './fee-statement.response.js';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/decorators.js';
import { type Principal } from '../common/principal.js';
import { ComputeFeeStatementsDto, FeeStatementsCsvQuery, ListFeeStatementsQuery } from './dto/compute-fee-statements.dto.js';
import { FeeStatementsService } from './fee-statements.service.js';
import { XLSX_TYPE } from './fee-statements-xlsx.js';

@ApiTags('fee statements')
@ApiBearerAuth()
@ApiErrors()
@Controller('api')
export class FeeStatementsController {
  constructor(private readonly fees: FeeStatementsService) {}

  @ApiOperation({ summary: 'Compute or recompute draft statements for a month (200 with the list); final ones are returned untouched' })
  @ApiOkResponse({ type: [FeeStatementResponse] })
  @Post('fee-statements')
  @HttpCode(200)
  @Roles('insurer')
  compute(@CurrentPrincipal() who: Principal, @Body() dto: ComputeFeeStatementsDto) {
    return this.fees.compute(who, dto.month, dto.contractId);
  }

  @ApiOperation({ summary: "CSV of the month's statements in scope, with a header row" })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'One line per statement after the header; amounts in cents', content: { 'text/csv': { schema: { type: 'string' } } } })
  @Get('fee-statements.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Roles('insurer', 'coordinator')
  csv(@CurrentPrincipal() who: Principal, @Query() q: FeeStatementsCsvQuery) {
    return this.fees.csv(who, q.month);
  }

  @ApiOperation({
    summary: "The month's statements in scope as an Excel workbook (.xlsx) for people",
    description:
      'Dutch headers, region, function, insurer and responsible party by name next to their codes, hours and euros as numbers, and a total row. The CSV stays the format for systems.',
  })
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({ description: 'An .xlsx workbook with one sheet', content: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } } })
  @Get('fee-statements.xlsx')
  @Roles('insurer', 'coordinator')
  async xlsx(@CurrentPrincipal() who: Principal, @Query() q: FeeStatementsCsvQuery): Promise<StreamableFile> {
    return new StreamableFile(await this.fees.xlsx(who, q.month), {
      type: XLSX_TYPE,
      disposition: `attachment; filename="wijkwacht-vergoedingen-${q.month}.xlsx"`,
    });
  }

  @ApiOkResponse({ type: [FeeStatementResponse] })
  @Get('fee-statements')
  @Roles('insurer', 'coordinator')
  list(@CurrentPrincipal() who: Principal, @Query() q: ListFeeStatementsQuery) {
    return this.fees.list(who, q);
  }

  @ApiOperation({ summary: 'Make a statement final and immutable; closes that roster month of the contract' })
  @ApiOkResponse({ type: FeeStatementResponse })
  @Post('fee-statements/:id/finalize')
  @HttpCode(200)
  @Roles('insurer')
  finalize(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    return this.fees.finalize(who, id);
  }
}
