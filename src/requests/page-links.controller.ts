import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiGoneResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiTransportErrors } from '../common/api-error.dto.js';
import { Public } from '../common/decorators.js';
import { acknowledgedPage, goneLinkPage, offerPage, unknownLinkPage } from './page-link-pages.js';
import { RequestsService } from './requests.service.js';

const html = { content: { 'text/html': { schema: { type: 'string' } } } };

/**
 * The "Ik ga" link of a page's SMS: `<PUBLIC_URL>/p/<code>`, for that page's nurse only, while the
 * request is open. No token: the code is the key (only its hash is stored).
 */
@ApiTags('reaching the phone')
@Public()
@Controller('p')
export class PageLinksController {
  constructor(private readonly requests: RequestsService) {}

  @ApiOperation({
    summary: 'The SMS link: a small page with one button "Ik ga" (changes nothing; message apps open links to preview them)',
    description: 'An unknown code → 404 page; a used link, or a request acknowledged, resolved or cancelled → 410 page.',
  })
  @ApiOkResponse({ description: 'The page with the button, which POSTs to the same address', ...html })
  @ApiNotFoundResponse({ description: 'No such link', ...html })
  @ApiGoneResponse({ description: 'Used, or the request is no longer open', ...html })
  @ApiTransportErrors()
  @Get(':code')
  async show(@Param('code') code: string, @Res() res: Response): Promise<void> {
    const found = await this.requests.pageLink(code);
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (!found) {
      res.status(404).type('html').send(unknownLinkPage());
      return;
    }
    if (!found.usable) {
      res.status(410).type('html').send(goneLinkPage());
      return;
    }
    res
      .status(200)
      .type('html')
      .send(offerPage(found.request, `/p/${code}`));
  }

  @ApiOperation({
    summary: '"Ik ga" from the SMS link: acknowledges the request for the link’s nurse (once)',
    description:
      'Counted as acknowledged via sms. An unknown code → 404 page; a second press, or a request acknowledged (by anyone), resolved or cancelled meanwhile → 410 page.',
  })
  @ApiOkResponse({ description: 'Acknowledged', ...html })
  @ApiNotFoundResponse({ description: 'No such link', ...html })
  @ApiGoneResponse({ description: 'Used, or the request is no longer open', ...html })
  @ApiTransportErrors()
  @Post(':code')
  @HttpCode(200)
  async acknowledge(@Param('code') code: string, @Res() res: Response): Promise<void> {
    const result = await this.requests.acknowledgeByLink(code);
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (result === null) res.status(404).type('html').send(unknownLinkPage());
    else if (result === 'gone') res.status(410).type('html').send(goneLinkPage());
    else res.status(200).type('html').send(acknowledgedPage(result));
  }
}
