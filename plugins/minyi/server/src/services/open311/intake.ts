import type { Core } from '@strapi/strapi';
import { answerAttributes } from '../../domain/open311/attributes';
import { parseOpen311Datetime } from '../../domain/open311/datetime';
import { serviceNoticeOf } from '../../domain/open311/mapping';
import type { Open311Receipt } from '../../domain/open311/render';
import {
  describeSubmissionProblems,
  type Open311Form,
  submissionBodyOf,
} from '../../domain/open311/submission-form';
import { open311Token } from '../../domain/open311/tokens';
import { parseSubmission } from '../../domain/submission';
import { minyiConfig, minyiService } from '../../plugin';
import { Refusal } from '../../refusal';
import { structureRepository } from '../../repositories/structure';
import type { IncomingPhoto } from '../photos/photo-store';

const invalid = (description: string) =>
  new Refusal(400, 'INVALID_INPUT', { zh: `请求参数有误:${description}`, en: description });

/**
 * POST requests: an Open311 request becomes an ordinary item. The api_key names the partner and
 * its channel; the service code names the category; the attributes are checked against the
 * category's definitions and written into the content; then the body goes through the same
 * parse (`parseSubmission`) and the same intake (`public-submission`) as POST /api/items, so it is
 * routed, given its deadline, escalated and counted like any other item.
 */
const open311Intake = ({ strapi }: { strapi: Core.Strapi }) => {
  /** The grid a request without address_id is registered at: the configured one, else the county root. */
  async function defaultGrid(): Promise<string> {
    const configured = minyiConfig(strapi).open311.defaultGrid;
    if (configured) return configured;
    const root = await structureRepository(strapi).countyRootCode();
    if (root === null) throw invalid('address_id is required: no county grid is set up');
    return root;
  }

  return {
    async submit(
      apiKey: string | undefined,
      form: Open311Form,
      now: Date = new Date(),
      /** The multipart `media` files (FixMyStreet's and Code for America's clients send them). */
      media: readonly IncomingPhoto[] = []
    ) {
      const source = await minyiService(strapi, 'open311-partner-key').sourceOf(apiKey, now);
      await minyiService(strapi, 'rate-limits').consume(
        'partner',
        `token:${source.partnerTokenId}`
      );
      const config = minyiConfig(strapi);
      const service = await minyiService(strapi, 'open311-catalog').entry(form.serviceCode);
      if (!service)
        throw new Refusal(404, 'UNKNOWN_SERVICE', {
          zh: `没有代码为"${form.serviceCode}"的服务`,
          en: `service_code "${form.serviceCode}" is not a service of this jurisdiction`,
        });
      const answered = answerAttributes(
        service.attributes,
        form.attributes,
        (text) => parseOpen311Datetime(text, config.timezone) !== null
      );
      if (!answered.ok) throw invalid(answered.problem);

      const body = submissionBodyOf(form, service, answered.answers, await defaultGrid());
      const parsed = parseSubmission(body);
      if (!parsed.ok) throw invalid(describeSubmissionProblems(parsed.problems));
      let receipt;
      try {
        // media_url is kept as the reference it is (no fetching); media files become photos.
        receipt = await minyiService(strapi, 'public-submission').submit(
          parsed.input,
          source,
          now,
          {
            photos: media,
            mediaUrl: form.mediaUrl,
          }
        );
      } catch (error) {
        // An unknown grid (address_id) is the client's mistake: a 400 in the spec's words. A
        // refused photo keeps its own status and reason (400, 413, 415).
        if (error instanceof Refusal && error.status === 400 && !error.code.startsWith('PHOTO_'))
          throw invalid(describeSubmissionProblems(error.problems.filter(isFieldProblem)));
        throw error;
      }
      const trackUrl = `${config.publicUrl.replace(/\/+$/, '')}/api/items/track/${receipt.trackingCode}`;
      const notice = serviceNoticeOf(
        receipt.trackingCode,
        trackUrl,
        new Date(receipt.dueAt),
        config.timezone
      );
      const answer: Open311Receipt =
        config.open311.answerWith === 'token'
          ? {
              token: open311Token(receipt.trackingCode, config.feedbackKey),
              service_notice: notice,
              account_id: null,
            }
          : { service_request_id: receipt.trackingCode, service_notice: notice, account_id: null };
      return answer;
    },
  };
};

function isFieldProblem(
  problem: Refusal['problems'][number]
): problem is Extract<Refusal['problems'][number], { path: ReadonlyArray<string | number> }> {
  return 'path' in problem;
}

export default open311Intake;
