// The DfE's SEN2 statutory return, made from the case data: the page, the validation report and the XML.
export { sen2Routes } from './routes.ts';
export { Sen2Service, checkCensusDate, SEN2_PAGE_SIZE, type Sen2Result, type Sen2Counts } from './service.ts';
export { sen2Paths } from './paths.ts';
export { sen2Filename } from './presenters.ts';
