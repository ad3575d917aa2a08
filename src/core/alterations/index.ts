export { identityAlteration, mixAlteration, mixFilter, orderAlteration, orderPermutation } from './alteration';
export type { Alteration, MixParams, OrderParams } from './alteration';
