/** A shop's knowledge base for tests: 22 articles in Chinese and English, in five categories. */
export interface FixtureArticle {
  readonly articleId: string;
  readonly title: string;
  readonly problem: string;
  readonly solution: string;
  readonly category: string;
  readonly tags: readonly string[];
}

const a = (articleId: string, category: string, title: string, problem: string, solution: string, tags: readonly string[] = []): FixtureArticle => ({
  articleId,
  title,
  problem,
  solution,
  category,
  tags,
});

/** The articles that mention 退货 (returns) somewhere. */
export const RETURN_ARTICLE_IDS = ['ret-01', 'ret-02', 'ret-03', 'ret-04', 'ret-05'] as const;

export const FIXTURE_ARTICLES: readonly FixtureArticle[] = [
  a('ret-01', '退换货', '七天无理由退货怎么申请', '买家签收后想退货，不知道在哪里申请。', '在订单详情点“申请售后”，选择七天无理由退货，填写原因后提交。', ['退货', '七天无理由']),
  a('ret-02', '退换货', '退货运费谁承担', '顾客问退货的运费由谁出。', '质量问题由店铺承担运费；无理由退货由买家承担，有运费险的按保险理赔。', ['运费险']),
  a('ret-03', '退换货', '退货商品已拆封还能退吗', '商品拆封后顾客要求退货。', '不影响二次销售的可以退；贴身衣物拆封后不支持无理由退货。'),
  a('ret-04', '退换货', '换货还是退货', '尺码不合适，顾客犹豫换货或退货。', '建议先换货，库存不足时再办理退货退款。', ['换货']),
  a('ret-05', 'refunds', 'Return and refund (退货退款) for overseas buyers', 'An overseas buyer wants to send the item back.', 'Ship it to the returns address within 7 days; the refund follows inspection.', ['return', 'overseas']),
  a('log-01', '物流', '发货时间说明', '顾客问付款后多久发货。', '现货48小时内发货，预售商品按页面时间发货。', ['发货']),
  a('log-02', '物流', '快递显示已签收但没收到', '物流显示签收，顾客说没有收到包裹。', '先联系快递核实签收人，再查看驿站或快递柜。', ['签收']),
  a('log-03', '物流', '到货破损怎么处理', '包裹到货时外箱破损，商品有损坏。', '让顾客拍照留证，补发或部分赔偿。', ['破损']),
  a('log-04', '物流', '修改收货地址', '下单后想改收货地址。', '未发货前可在订单中修改；已发货请联系快递转寄。'),
  a('log-05', 'logistics', 'Tracking number not updating', 'The tracking page shows no movement for three days.', 'Ask the carrier to trace the parcel; reship if it is lost.', ['tracking', 'carrier']),
  a('pay-01', '支付', '付款失败怎么办', '顾客付款时提示失败。', '检查银行卡余额与限额，换用支付宝或微信支付。', ['付款']),
  a('pay-02', '支付', '重复扣款', '顾客被扣了两次钱。', '核对支付流水，多扣的款项原路退回，三个工作日内到账。', ['扣款']),
  a('pay-03', 'refunds', 'Refund not received', 'The customer was told the refund was issued but has not received it.', 'Refunds take 1-3 business days to the original payment method; send the refund reference.', ['refund']),
  a('pay-04', 'refunds', 'Partial refund for a missing item', 'One item of the order is missing.', 'Issue a partial refund for the missing line after checking the packing photo.', ['refund', 'partial']),
  a('pay-05', '支付', '发票开具', '顾客需要开具增值税发票。', '在订单页申请电子发票，公司抬头需填写税号。', ['发票']),
  a('acc-01', 'account', 'Reset a forgotten password', 'The customer cannot log in and forgot the password.', 'Use "forgot password" and the code sent by SMS.', ['password', 'login']),
  a('acc-02', 'account', 'Change the phone number on the account', 'The old phone number is no longer in use.', 'Verify identity with the ID card, then bind the new number.', ['phone']),
  a('acc-03', '会员', '积分怎么用', '顾客不知道积分能抵扣多少。', '100积分抵1元，下单时勾选使用积分。', ['积分']),
  a('acc-04', '会员', '会员等级说明', '顾客问如何升级会员。', '按近12个月消费累计升级，等级权益见会员中心。', ['会员']),
  a('qa-01', '商品', '衣服尺码怎么选', '顾客拿不准尺码。', '参照详情页尺码表，按胸围和腰围选择。', ['尺码']),
  a('qa-02', '商品', '商品有色差', '收到的颜色和图片不一样。', '说明拍摄光线的影响；色差明显的按质量问题处理。'),
  a('qa-03', 'product', 'Is the charger included?', 'A buyer asks whether the box contains a charger.', 'The charger is sold separately; see the constructor of the bundle list on the page.', ['charger']),
];
