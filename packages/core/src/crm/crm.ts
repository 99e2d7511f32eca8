import type * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import type { Command, Handled } from '../kernel/command.js';
import type { Clock } from '../kernel/clock.js';
import { formatPath, RapportError, type CrmError } from '../kernel/errors.js';
import type { EventStore } from '../kernel/eventStore.js';
import type { IdGenerator } from '../kernel/ids.js';
import type { ReadModelStore } from '../kernel/readModelStore.js';
import type { EventRegistry } from '../kernel/registry.js';
import type { ComplaintCommand } from '../complaints/commands.js';
import type { CustomerCommand } from '../customers/commands.js';
import { eraseCustomer } from '../customers/erasure.js';
import type { CustomerErasureInput, CustomerProfileInput, CustomerRegistrationInput } from '../customers/input.js';
import { updateCustomerProfile } from '../customers/profileUpdate.js';
import { registerCustomer } from '../customers/registration.js';
import type { LeadCommand } from '../leads/commands.js';
import type { OrderCommand } from '../orders/commands.js';
import type { PersonalDataVault } from '../privacy/vault.js';
import type { InquiryCommand } from '../service/inquiries/commands.js';
import type { CouponCommand } from '../loyalty/coupons/commands.js';
import type { LoyaltyCommand } from '../loyalty/commands.js';
import { loyaltyReads } from '../loyalty/read.js';
import type { OpportunityCommand } from '../sales/commands.js';
import type { TerritoryCommand } from '../sales/territories/commands.js';
import { assignToTerritory, redefineTerritory, TerritoryAssignment, TerritoryRedefinition } from '../sales/territories/workflows.js';
import { openOpportunityFromLead } from '../sales/openFromLead.js';
import type { ActivityCommand } from '../activities/commands.js';
import { ActivityBooking, bookActivity } from '../activities/bookActivity.js';
import { MeetingReschedule, rescheduleMeeting } from '../activities/rescheduleMeeting.js';
import { placeOrderWithCoupon, type CouponOrderInput } from '../loyalty/coupons/placeOrderWithCoupon.js';
import { sendMarketingMessage, type MarketingMessageInput } from '../marketing/sendMarketingMessage.js';
import type { CampaignCommand, CampaignRecipientCommand } from '../marketing/campaigns/commands.js';
import { sendCampaign, type CampaignSendInput, type CampaignSendReport } from '../marketing/campaigns/sendCampaign.js';
import { buildCallList, type CallListInput } from '../telemarketing/buildCallList.js';
import { recordCall, type CallInput, type RecordedCall } from '../telemarketing/recordCall.js';
import { checkDial, type DialInput, type DialPermit } from '../telemarketing/checkDial.js';
import { metadataOf, type CommandContext } from './context.js';
import { createCrmKernel, type CrmKernel, type DueReport } from './createCrm.js';
import type { CrmModule } from './module.js';
import { builtInModules } from './modules.js';
import { resolveCrmPolicy, type CrmPolicy, type CrmPolicyInput } from './policy.js';
import { createReadApi, withFresh, type CrmReadApi } from './readApi.js';
import { partnerViewOf, type PartnerView } from './partnerView.js';
import { registerPartnerCustomer, type PartnerCustomerInput } from './partnerCustomers.js';
import type { PartnerCommand } from '../partners/commands.js';
import type { KnowledgeCommand } from '../knowledge/commands.js';
import { readPartnerAccessLog, type PartnerAccess, type PartnerAccessEntry, type PartnerScopeDoc } from '../partners/index.js';
import { analyticsReads, type AnalyticsReads } from '../analytics/reads.js';
import { auditModuleFor, createAudit, createPrivacy, type AuditApi, type PrivacyApi } from '../audit/index.js';

export interface CreateCrmOptions {
  readonly eventStore: EventStore;
  readonly readModels: ReadModelStore;
  /** The registry the event store validates with: every context's events are added to it. */
  readonly registry: EventRegistry;
  /** Holds the per-customer keys of personal data (erasing a customer deletes the key). */
  readonly vault: PersonalDataVault;
  /** The shop's overrides of DOMAIN.md's defaults. */
  readonly policy?: CrmPolicyInput;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /** Further contexts of the host's own, assembled with the built-in ones. */
  readonly modules?: readonly CrmModule[];
}

/** The createCrm options are unusable (a policy value out of range...). Nothing was started. */
export class InvalidCrmConfiguration extends RapportError {
  static readonly code = 'RAPPORT_INVALID_CONFIGURATION';
  constructor(readonly issues: readonly { path: readonly (string | number)[]; message: string }[]) {
    super(InvalidCrmConfiguration.code, `createCrm: ${issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('; ')}`);
  }
}

type Result = Promise<E.Either<CrmError, Handled>>;
type FileComplaintData = DataOf<t.OutputOf<typeof ComplaintCommand>, 'FileComplaint'>;
/** `FileComplaint`'s data, the tier optional. */
export type FileComplaintInput = Omit<FileComplaintData, 'customerTier'> & { readonly customerTier?: FileComplaintData['customerTier'] };
type Plain<C extends t.Mixed> = t.OutputOf<C>;
type DataOf<U, T> = U extends { type: T; data: infer D } ? D : never;
/** A typed helper: the command's data (plain form) and who sends it. */
type Send<U, T> = (ctx: CommandContext, data: DataOf<U, T>) => Result;

/** Rapport: commands in, projections out. */
export interface Crm {
  /** Handle any command: `Right` with what was appended, or `Left` with why nothing was. */
  handle(command: Command): Result;
  readonly customers: {
    register(ctx: CommandContext, data: CustomerRegistrationInput['data']): Result;
    updateProfile(ctx: CommandContext, data: CustomerProfileInput['data']): Result;
    erase(ctx: CommandContext, data: CustomerErasureInput['data']): Result;
    logContact: Send<Plain<typeof CustomerCommand>, 'LogCustomerContact'>;
    giveConsent: Send<Plain<typeof CustomerCommand>, 'GiveCustomerConsent'>;
    withdrawConsent: Send<Plain<typeof CustomerCommand>, 'WithdrawCustomerConsent'>;
  };
  readonly leads: {
    capture: Send<Plain<typeof LeadCommand>, 'CaptureLead'>;
    qualify: Send<Plain<typeof LeadCommand>, 'QualifyLead'>;
    assign: Send<Plain<typeof LeadCommand>, 'AssignLead'>;
    convert: Send<Plain<typeof LeadCommand>, 'ConvertLead'>;
    lose: Send<Plain<typeof LeadCommand>, 'LoseLead'>;
  };
  readonly orders: {
    /** Place an order; with a `couponId` the coupon is redeemed first and sets the coupon amount (released again if the order is refused). */
    place(ctx: CommandContext, data: DataOf<Plain<typeof OrderCommand>, 'PlaceOrder'> | CouponOrderInput['data']): Result;
    pay: Send<Plain<typeof OrderCommand>, 'PayOrder'>;
    ship: Send<Plain<typeof OrderCommand>, 'ShipOrder'>;
    deliver: Send<Plain<typeof OrderCommand>, 'DeliverOrder'>;
    complete: Send<Plain<typeof OrderCommand>, 'CompleteOrder'>;
    cancel: Send<Plain<typeof OrderCommand>, 'CancelOrder'>;
    requestReturn: Send<Plain<typeof OrderCommand>, 'RequestReturn'>;
    refund: Send<Plain<typeof OrderCommand>, 'RefundOrder'>;
    rateLine: Send<Plain<typeof OrderCommand>, 'RateOrderLine'>;
  };
  readonly complaints: {
    /**
     * File a complaint. Its priority is fixed now from the customer's tier: left out,
     * `customerTier` is read from the customer's loyalty account (regular when none).
     */
    file(ctx: CommandContext, data: FileComplaintInput): Result;
    assign: Send<Plain<typeof ComplaintCommand>, 'AssignComplaint'>;
    acknowledge: Send<Plain<typeof ComplaintCommand>, 'AcknowledgeComplaint'>;
    startWork: Send<Plain<typeof ComplaintCommand>, 'StartComplaintWork'>;
    askCustomer: Send<Plain<typeof ComplaintCommand>, 'AskComplaintCustomer'>;
    recordAnswer: Send<Plain<typeof ComplaintCommand>, 'RecordComplaintAnswer'>;
    resolve: Send<Plain<typeof ComplaintCommand>, 'ResolveComplaint'>;
    close: Send<Plain<typeof ComplaintCommand>, 'CloseComplaint'>;
    reopen: Send<Plain<typeof ComplaintCommand>, 'ReopenComplaint'>;
    escalate: Send<Plain<typeof ComplaintCommand>, 'EscalateComplaint'>;
    rateSatisfaction: Send<Plain<typeof ComplaintCommand>, 'RateComplaintSatisfaction'>;
  };
  /** 积分, 淘气值, tiers: points are earned and reversed by reactors, expiry and the monthly score by runDue. */
  readonly loyalty: {
    redeem: Send<Plain<typeof LoyaltyCommand>, 'RedeemPoints'>;
    recordShare: Send<Plain<typeof LoyaltyCommand>, 'RecordShare'>;
    recordAnsweredQuestion: Send<Plain<typeof LoyaltyCommand>, 'RecordAnsweredQuestion'>;
    recordChargeback: Send<Plain<typeof LoyaltyCommand>, 'RecordChargeback'>;
    bindFamilyAccount: Send<Plain<typeof LoyaltyCommand>, 'BindFamilyAccount'>;
    unbindFamilyAccount: Send<Plain<typeof LoyaltyCommand>, 'UnbindFamilyAccount'>;
    buyMembership: Send<Plain<typeof LoyaltyCommand>, 'BuyMembership'>;
    inviteKeyAccount: Send<Plain<typeof LoyaltyCommand>, 'InviteKeyAccount'>;
  };
  readonly coupons: {
    issue: Send<Plain<typeof CouponCommand>, 'IssueCoupon'>;
    release: Send<Plain<typeof CouponCommand>, 'ReleaseCouponRedemption'>;
  };
  readonly marketing: {
    /**
     * Record a marketing message before sending it: refused without the customer's current
     * consent for the channel, or when it would be the 5th in 30 days (`details.nextAllowedAt`).
     */
    send(ctx: CommandContext, data: MarketingMessageInput['data']): Result;
  };
  /** 营销管理: define a campaign, send it (consent and the cap checked per recipient at send time), record responses. */
  readonly campaigns: {
    define: Send<Plain<typeof CampaignCommand>, 'DefineCampaign'>;
    /** Send a campaign once, not before its schedule: every recipient reached or refused with the reason (re-send the same commandId to finish an interrupted send). */
    send(ctx: CommandContext, data: CampaignSendInput['data']): Promise<E.Either<CrmError, CampaignSendReport>>;
    recordResponse: Send<Plain<typeof CampaignRecipientCommand>, 'RecordCampaignResponse'>;
  };
  /** 销售管理: opportunities and territories. */
  readonly sales: {
    open: Send<Plain<typeof OpportunityCommand>, 'OpenOpportunity'>;
    /** Open an opportunity from a lead: refused unless the lead has been qualified. */
    openFromLead(ctx: CommandContext, data: DataOf<Plain<typeof OpportunityCommand>, 'OpenOpportunity'>): Result;
    moveStage: Send<Plain<typeof OpportunityCommand>, 'MoveOpportunityStage'>;
    win: Send<Plain<typeof OpportunityCommand>, 'WinOpportunity'>;
    lose: Send<Plain<typeof OpportunityCommand>, 'LoseOpportunity'>;
    changeAmount: Send<Plain<typeof OpportunityCommand>, 'ChangeOpportunityAmount'>;
    changeCloseDate: Send<Plain<typeof OpportunityCommand>, 'ChangeOpportunityCloseDate'>;
    reassign: Send<Plain<typeof OpportunityCommand>, 'ReassignOpportunity'>;
    attachDocument: Send<Plain<typeof OpportunityCommand>, 'AttachOpportunityDocument'>;
    changeDocumentStatus: Send<Plain<typeof OpportunityCommand>, 'ChangeOpportunityDocumentStatus'>;
    defineTerritory: Send<Plain<typeof TerritoryCommand>, 'DefineTerritory'>;
    assignTerritoryReps: Send<Plain<typeof TerritoryCommand>, 'AssignTerritoryReps'>;
    /** Hand a new lead or opportunity to its territory's next rep in turn. */
    assignToTerritory(ctx: CommandContext, data: t.OutputOf<typeof TerritoryAssignment>): Promise<E.Either<CrmError, { readonly territoryId: string; readonly repId: string }>>;
    /** Redefine a territory and move the open items it now matches, one event per move. */
    redefineTerritory(ctx: CommandContext, data: t.OutputOf<typeof TerritoryRedefinition>): ReturnType<typeof redefineTerritory>;
  };
  /** 时间管理: tasks, appointments, meetings, calls, emails on each agent's calendar. */
  readonly activities: {
    /** Book an activity on every participant's calendar, or on none (an overlap is refused with the id of the first). */
    book(ctx: CommandContext, data: t.OutputOf<typeof ActivityBooking>): ReturnType<typeof bookActivity>;
    addTask: Send<Plain<typeof ActivityCommand>, 'AddTask'>;
    reschedule: Send<Plain<typeof ActivityCommand>, 'RescheduleActivity'>;
    rescheduleMeeting(ctx: CommandContext, data: t.OutputOf<typeof MeetingReschedule>): ReturnType<typeof rescheduleMeeting>;
    confirm: Send<Plain<typeof ActivityCommand>, 'ConfirmActivity'>;
    complete: Send<Plain<typeof ActivityCommand>, 'CompleteActivity'>;
    reopenTask: Send<Plain<typeof ActivityCommand>, 'ReopenTask'>;
    cancel: Send<Plain<typeof ActivityCommand>, 'CancelActivity'>;
  };
  /** 电话营销: call lists under phone consent, calls and their outcomes. */
  readonly telemarketing: {
    /** Build a call list from candidate customer ids (a segment or query): only those with phone consent now, spread over the agents in turn. */
    buildList(ctx: CommandContext, data: CallListInput['data']): Result;
    /**
     * Record a call: refused when the customer's phone consent no longer holds (read again now);
     * a callback books a call activity at `callbackAt`, "do not call" withdraws phone consent at once.
     */
    recordCall(ctx: CommandContext, data: CallInput['data']): Promise<E.Either<CrmError, RecordedCall>>;
    /** Before dialling (writes nothing): refused when the customer is not this agent's on the list or their phone consent no longer holds. */
    checkDial(tenantId: string, data: DialInput): Promise<E.Either<CrmError, DialPermit>>;
  };
  /** 知识库: articles in versions; a complaint resolved with an `articleId` cites one (counted by the knowledge context). */
  readonly knowledge: {
    publish: Send<Plain<typeof KnowledgeCommand>, 'PublishArticle'>;
    /** Publish a new version, based on the current one (`baseVersion`); the search then finds only the new text. */
    revise: Send<Plain<typeof KnowledgeCommand>, 'ReviseArticle'>;
    /** Retire for good: out of search and most-cited lists, no longer citable. */
    retire: Send<Plain<typeof KnowledgeCommand>, 'RetireArticle'>;
  };
  readonly inquiries: {
    open: Send<Plain<typeof InquiryCommand>, 'OpenInquiry'>;
    customerMessage: Send<Plain<typeof InquiryCommand>, 'RecordInquiryCustomerMessage'>;
    agentReply: Send<Plain<typeof InquiryCommand>, 'RecordInquiryAgentReply'>;
    rate: Send<Plain<typeof InquiryCommand>, 'RateInquiry'>;
  };
  /** 合作伙伴: partners and their scopes (the customers they brought or were granted, the opportunities assigned to them). */
  readonly partners: {
    register: Send<Plain<typeof PartnerCommand>, 'RegisterPartner'>;
    /** Register a customer the partner brought and grant it (basis `brought`); refused before anything is written for an unknown partner. */
    registerCustomer(ctx: CommandContext, data: PartnerCustomerInput['data']): Result;
    /** Grant a customer (`basis` brought or granted); granting it again changes nothing. */
    grantCustomer: Send<Plain<typeof PartnerCommand>, 'GrantPartnerCustomer'>;
    assignOpportunity: Send<Plain<typeof PartnerCommand>, 'AssignPartnerOpportunity'>;
    /** Take a customer or an opportunity out of scope: from then on it reads as not found. */
    revoke: Send<Plain<typeof PartnerCommand>, 'RevokePartnerGrant'>;
    /** The shop's view of a partner's scope (not audited: this is the shop reading, not the partner). */
    scope(tenantId: string, partnerId: string): Promise<PartnerScopeDoc | undefined>;
    /** Every read made through the partner's access, oldest first. */
    accessLog(tenantId: string, partnerId: string): Promise<PartnerAccessEntry[]>;
  };
  /**
   * Read as a partner: the in-scope subset of `projections`; anything else reads as a missing id.
   * Each read records an access event. Throws `InvalidPartnerAccess` when `partner` names no partner.
   */
  as(partner: PartnerAccess): PartnerView;
  /** Read models, caught up before every read (or, once `start()`ed, as live as the runner). */
  readonly projections: CrmReadApi;
  /** Audits: the projections as of any instant, a customer's timeline, why a value is what it is, the hash chains verified. */
  readonly audit: AuditApi;
  /** Privacy (PIPL, GDPR): every fact about a customer as JSON, and erasure. */
  readonly privacy: PrivacyApi;
  /** Customer analytics as of any instant: RFM segments, churn, core customers, shop KPIs per day or month. */
  readonly analytics: AnalyticsReads;
  /** Issue every command whose time has come at `now` for one shop; idempotent for the same `now`. */
  runDue(now: string, tenantId: string): Promise<E.Either<CrmError, DueReport>>;
  /** Apply every recorded event to the projections and run the reactions they cause. */
  settle(): Promise<void>;
  /** Follow the store live (projections and reactors) until `stop()`. */
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly policy: CrmPolicy;
  readonly kernel: CrmKernel;
}

/**
 * Wire every built-in context (customers, leads, orders, credit, complaints, service) on
 * the given stores. Throws {@link InvalidCrmConfiguration} for a policy it cannot use.
 */
export const createCrm = (options: CreateCrmOptions): Crm => {
  // the core does no I/O, so it has no store of its own to fall back on: say where one comes from
  const missing = (['eventStore', 'readModels', 'registry', 'vault'] as const).filter((k) => (options as Partial<CreateCrmOptions> | undefined)?.[k] === undefined);
  if (missing.length > 0)
    throw new InvalidCrmConfiguration(
      missing.map((k) => ({
        path: [k],
        message: 'required: createEmbeddedCrm() from @rapport/postgres gives every store in PGlite under ./.rapport, connectPostgres() a server, memoryStores() from @rapport/memory memory',
      })),
    );
  const policy = resolveCrmPolicy(options.policy);
  if (E.isLeft(policy)) throw new InvalidCrmConfiguration(policy.left.issues);
  const contextModules = [...builtInModules(policy.right), ...(options.modules ?? [])];
  // the audit module indexes every other module's events, so it comes last
  const modules = [...contextModules, auditModuleFor(contextModules)];
  const kernel = createCrmKernel({
    eventStore: options.eventStore,
    readModels: options.readModels,
    registry: options.registry,
    modules,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.ids ? { ids: options.ids } : {}),
  });
  const handle = (c: Command): Result => kernel.handle(c);
  const send =
    <U>() =>
    <T extends string>(type: T): Send<U, T> =>
    (ctx, data) =>
      handle({ type, data, metadata: metadataOf(ctx, kernel.ids) });
  const workflow = { handle, vault: options.vault };
  const customer = send<Plain<typeof CustomerCommand>>();
  const lead = send<Plain<typeof LeadCommand>>();
  const order = send<Plain<typeof OrderCommand>>();
  const complaint = send<Plain<typeof ComplaintCommand>>();
  const inquiry = send<Plain<typeof InquiryCommand>>();
  const coupon = send<Plain<typeof CouponCommand>>();
  const loyalty = send<Plain<typeof LoyaltyCommand>>();
  const opportunity = send<Plain<typeof OpportunityCommand>>();
  const territory = send<Plain<typeof TerritoryCommand>>();
  const activity = send<Plain<typeof ActivityCommand>>();
  const withStore = { handle, eventStore: options.eventStore };
  const placeOrder = order('PlaceOrder');
  const fileComplaint = complaint('FileComplaint');
  let live = false;
  // read-your-writes: when nothing follows the store live, catch up before reading
  const fresh = (): Promise<void> => (live ? Promise.resolve() : kernel.settle());
  const partner = send<Plain<typeof PartnerCommand>>();
  const partnerReads = createReadApi({ readModels: options.readModels, vault: options.vault, policy: policy.right, clock: kernel.clock, fresh });
  const auditDeps = {
    eventStore: options.eventStore,
    readModels: options.readModels,
    projections: modules.flatMap((m) => m.projections),
    vault: options.vault,
    policy: policy.right,
    now: () => kernel.clock.now(),
    fresh,
  };
  const eraseCustomerData: Crm['customers']['erase'] = (ctx, data) => eraseCustomer(workflow, { data, metadata: metadataOf(ctx, kernel.ids) });

  return {
    handle,
    customers: {
      register: (ctx, data) => registerCustomer(workflow, { data, metadata: metadataOf(ctx, kernel.ids) }),
      updateProfile: (ctx, data) => updateCustomerProfile(workflow, { data, metadata: metadataOf(ctx, kernel.ids) }),
      erase: (ctx, data) => eraseCustomer(workflow, { data, metadata: metadataOf(ctx, kernel.ids) }),
      logContact: customer('LogCustomerContact'),
      giveConsent: customer('GiveCustomerConsent'),
      withdrawConsent: customer('WithdrawCustomerConsent'),
    },
    leads: { capture: lead('CaptureLead'), qualify: lead('QualifyLead'), assign: lead('AssignLead'), convert: lead('ConvertLead'), lose: lead('LoseLead') },
    orders: {
      place: (ctx, data) =>
        'couponId' in data && typeof data.couponId === 'string'
          ? placeOrderWithCoupon({ handle }, { data: data as CouponOrderInput['data'], metadata: metadataOf(ctx, kernel.ids) })
          : placeOrder(ctx, data as DataOf<Plain<typeof OrderCommand>, 'PlaceOrder'>),
      pay: order('PayOrder'),
      ship: order('ShipOrder'),
      deliver: order('DeliverOrder'),
      complete: order('CompleteOrder'),
      cancel: order('CancelOrder'),
      requestReturn: order('RequestReturn'),
      refund: order('RefundOrder'),
      rateLine: order('RateOrderLine'),
    },
    complaints: {
      file: async (ctx, data) => {
        if (data.customerTier !== undefined) return fileComplaint(ctx, data as FileComplaintData);
        await kernel.settle();
        const account = await loyaltyReads(options.readModels).account(ctx.tenantId, data.customerId);
        return fileComplaint(ctx, { ...data, customerTier: account?.tier ?? 'regular' });
      },
      assign: complaint('AssignComplaint'),
      acknowledge: complaint('AcknowledgeComplaint'),
      startWork: complaint('StartComplaintWork'),
      askCustomer: complaint('AskComplaintCustomer'),
      recordAnswer: complaint('RecordComplaintAnswer'),
      resolve: complaint('ResolveComplaint'),
      close: complaint('CloseComplaint'),
      reopen: complaint('ReopenComplaint'),
      escalate: complaint('EscalateComplaint'),
      rateSatisfaction: complaint('RateComplaintSatisfaction'),
    },
    loyalty: {
      redeem: loyalty('RedeemPoints'),
      recordShare: loyalty('RecordShare'),
      recordAnsweredQuestion: loyalty('RecordAnsweredQuestion'),
      recordChargeback: loyalty('RecordChargeback'),
      bindFamilyAccount: loyalty('BindFamilyAccount'),
      unbindFamilyAccount: loyalty('UnbindFamilyAccount'),
      buyMembership: loyalty('BuyMembership'),
      inviteKeyAccount: loyalty('InviteKeyAccount'),
    },
    coupons: { issue: coupon('IssueCoupon'), release: coupon('ReleaseCouponRedemption') },
    marketing: {
      send: (ctx, data) => sendMarketingMessage({ handle, eventStore: options.eventStore }, { data, metadata: metadataOf(ctx, kernel.ids) }),
    },
    campaigns: {
      define: send<Plain<typeof CampaignCommand>>()('DefineCampaign'),
      send: (ctx, data) => sendCampaign(withStore, { data, metadata: metadataOf(ctx, kernel.ids) }),
      recordResponse: send<Plain<typeof CampaignRecipientCommand>>()('RecordCampaignResponse'),
    },
    sales: {
      open: opportunity('OpenOpportunity'),
      openFromLead: (ctx, data) => openOpportunityFromLead(withStore, { data, metadata: metadataOf(ctx, kernel.ids) }),
      moveStage: opportunity('MoveOpportunityStage'),
      win: opportunity('WinOpportunity'),
      lose: opportunity('LoseOpportunity'),
      changeAmount: opportunity('ChangeOpportunityAmount'),
      changeCloseDate: opportunity('ChangeOpportunityCloseDate'),
      reassign: opportunity('ReassignOpportunity'),
      attachDocument: opportunity('AttachOpportunityDocument'),
      changeDocumentStatus: opportunity('ChangeOpportunityDocumentStatus'),
      defineTerritory: territory('DefineTerritory'),
      assignTerritoryReps: territory('AssignTerritoryReps'),
      assignToTerritory: (ctx, data) => assignToTerritory(withStore, { data, metadata: metadataOf(ctx, kernel.ids) }),
      redefineTerritory: (ctx, data) => redefineTerritory(withStore, { data, metadata: metadataOf(ctx, kernel.ids) }),
    },
    activities: {
      book: (ctx, data) => bookActivity({ handle }, { data, metadata: metadataOf(ctx, kernel.ids) }),
      addTask: activity('AddTask'),
      reschedule: activity('RescheduleActivity'),
      rescheduleMeeting: (ctx, data) => rescheduleMeeting({ handle }, { data, metadata: metadataOf(ctx, kernel.ids) }),
      confirm: activity('ConfirmActivity'),
      complete: activity('CompleteActivity'),
      reopenTask: activity('ReopenTask'),
      cancel: activity('CancelActivity'),
    },
    telemarketing: {
      buildList: (ctx, data) => buildCallList({ handle, eventStore: options.eventStore }, { data, metadata: metadataOf(ctx, kernel.ids) }, policy.right.telemarketing),
      recordCall: (ctx, data) => recordCall({ handle, eventStore: options.eventStore }, { data, metadata: metadataOf(ctx, kernel.ids) }, policy.right.telemarketing),
      checkDial: (tenantId, data) => checkDial(options.eventStore, tenantId, data),
    },
    knowledge: (() => {
      const article = send<Plain<typeof KnowledgeCommand>>();
      return { publish: article('PublishArticle'), revise: article('ReviseArticle'), retire: article('RetireArticle') };
    })(),
    inquiries: {
      open: inquiry('OpenInquiry'),
      customerMessage: inquiry('RecordInquiryCustomerMessage'),
      agentReply: inquiry('RecordInquiryAgentReply'),
      rate: inquiry('RateInquiry'),
    },
    partners: {
      register: partner('RegisterPartner'),
      registerCustomer: (ctx, data) =>
        registerPartnerCustomer(
          { ...workflow, clock: kernel.clock, scopeOf: (tenantId, partnerId) => partnerReads.get<PartnerScopeDoc>('partners.scope', tenantId, partnerId) },
          { data, metadata: metadataOf(ctx, kernel.ids) },
        ),
      grantCustomer: partner('GrantPartnerCustomer'),
      assignOpportunity: partner('AssignPartnerOpportunity'),
      revoke: partner('RevokePartnerGrant'),
      scope: (tenantId, partnerId) => partnerReads.get<PartnerScopeDoc>('partners.scope', tenantId, partnerId),
      accessLog: (tenantId, partnerId) => readPartnerAccessLog(options.eventStore, tenantId, partnerId),
    },
    as: (p) => partnerViewOf({ handle, clock: kernel.clock, ids: kernel.ids, projections: partnerReads }, p),
    projections: createReadApi({
      readModels: options.readModels,
      vault: options.vault,
      policy: policy.right,
      clock: kernel.clock,
      // read-your-writes: when nothing follows the store live, catch up before reading
      fresh: () => (live ? Promise.resolve() : kernel.settle()),
    }),
    audit: createAudit(auditDeps),
    analytics: withFresh(analyticsReads(options.readModels, policy.right.analytics), fresh),
    privacy: createPrivacy({
      ...auditDeps,
      reads: createReadApi({ readModels: options.readModels, vault: options.vault, policy: policy.right, clock: kernel.clock, fresh }),
      erase: eraseCustomerData,
    }),
    runDue: (now, tenantId) => kernel.runDue(now, tenantId),
    settle: () => kernel.settle(),
    async start() {
      await kernel.settle();
      await kernel.projections.start();
      await kernel.reactors.start();
      live = true;
    },
    async stop() {
      live = false;
      await kernel.reactors.stop();
      await kernel.projections.stop();
    },
    policy: policy.right,
    kernel,
  };
};
