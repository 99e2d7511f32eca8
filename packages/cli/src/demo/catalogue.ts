/** What the demo shop sells and who works there (a tea and teaware shop on a marketplace). */
export const TENANT = 'tea-house';
export const SELLER = 'tea-house';
export const AGENTS = ['agent-li', 'agent-zhou'] as const;

export interface Product {
  readonly productId: string;
  readonly sku: string;
  readonly category: string;
  readonly unitPrice: number; // fen
}

export const PRODUCTS: readonly Product[] = [
  { productId: 'longjing', sku: 'longjing-250g', category: 'greenTea', unitPrice: 16_800 },
  { productId: 'biluochun', sku: 'biluochun-250g', category: 'greenTea', unitPrice: 12_800 },
  { productId: 'puer', sku: 'puer-357g', category: 'darkTea', unitPrice: 29_900 },
  { productId: 'dahongpao', sku: 'dahongpao-200g', category: 'oolong', unitPrice: 21_800 },
  { productId: 'tieguanyin', sku: 'tieguanyin-250g', category: 'oolong', unitPrice: 9_900 },
  { productId: 'gaiwan', sku: 'gaiwan-white', category: 'teaware', unitPrice: 6_800 },
  { productId: 'teapot', sku: 'yixing-teapot', category: 'teaware', unitPrice: 45_800 },
];

const FAMILY = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平'];
export const CHANNELS = ['ownSite', 'marketplaceStore', 'marketplaceStore', 'partnerSite', 'campusAgent', 'offlineStore'] as const;
export const PAYMENT = ['alipay', 'alipay', 'wechat', 'wechat', 'unionpay', 'cashOnDelivery'] as const;

export const nameOf = (n: number): string => `${FAMILY[n % FAMILY.length]}${GIVEN[Math.floor(n / FAMILY.length) % GIVEN.length]}`;
/** A mainland mobile number, written the way customers type it (with spaces or +86). */
export const phoneOf = (n: number): string => {
  const digits = `139${String(10_000_000 + n).padStart(8, '0')}`;
  return n % 3 === 0 ? `+86 ${digits}` : n % 3 === 1 ? `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}` : digits;
};
