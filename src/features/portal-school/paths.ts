// The school and college portal's pages. The consultation and reviews paths are linked to from
// elsewhere (the portal's messages): keep them as they are.
const id = (value: string) => encodeURIComponent(value);

export const portalSchoolPaths = {
  home: '/portal/school',
  staffPattern: '/portal/school/schools/:schoolId/staff',
  staff: (schoolId: string) => `/portal/school/schools/${id(schoolId)}/staff`,
  addStaffPattern: '/portal/school/schools/:schoolId/staff/add',
  addStaff: (schoolId: string) => `/portal/school/schools/${id(schoolId)}/staff/add`,
  removeStaffPattern: '/portal/school/schools/:schoolId/staff/:accountId/remove',
  removeStaff: (schoolId: string, accountId: string) => `/portal/school/schools/${id(schoolId)}/staff/${id(accountId)}/remove`,
  pupils: '/portal/school/pupils',
  pupilPattern: '/portal/school/pupils/:childId',
  pupil: (childId: string) => `/portal/school/pupils/${id(childId)}`,
  consultations: '/portal/school/consultations',
  consultationPattern: '/portal/school/consultations/:consultationId',
  consultation: (consultationId: string) => `/portal/school/consultations/${id(consultationId)}`,
  reviews: '/portal/school/reviews',
  reviewPattern: '/portal/school/reviews/:reviewId',
  review: (reviewId: string) => `/portal/school/reviews/${id(reviewId)}`,
} as const;
