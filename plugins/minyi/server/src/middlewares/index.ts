import urlText from './url-text';

export default { 'url-text': urlText };
