export { identityAlteration, mixAlteration, mixFilter, movedPositions, orderAlteration, orderPermutation } from './alteration';
export type { Alteration, MixParams, OrderParams } from './alteration';
