/** Public API of the guided tour: its steps and their links (see codec.ts for the `tour=` key). */
export { TOUR_STEPS, type TourSpot, type TourStep } from './steps';
export { decodeTour, sameStage, stageQuery, stepQuery, tourSegments, withTour, type TourDecode } from './codec';
